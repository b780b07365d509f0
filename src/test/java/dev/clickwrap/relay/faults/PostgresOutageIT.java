package dev.clickwrap.relay.faults;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.clickwrap.relay.testsupport.RestartablePostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL stops under a steady webhook load and starts again while the relay keeps
 * running. Nothing is acknowledged that was not stored, nothing refused was stored, the
 * refusals carry Retry-After, and the relay serves again on its own once PostgreSQL is
 * back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class PostgresOutageIT {

	private static final String SCENARIO = "postgres-outage";

	private static final int SENDERS = 4;

	private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(2);

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	private static final Duration AFTER_RECOVERY = Duration.ofSeconds(2);

	private static RestartablePostgres postgres;

	private final Acceptances acceptances = new Acceptances(SCENARIO);

	private final WebhookSender sender = new WebhookSender("test-token");

	private final Map<Integer, Sent> answers = new ConcurrentHashMap<>();

	private volatile Phase phase = Phase.BEFORE_OUTAGE;

	private volatile boolean sending = true;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) throws IOException {
		postgres = RestartablePostgres.start();
		registry.add("spring.datasource.url", postgres::jdbcUrl);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.stop();
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void nothingIsAcknowledgedThatWasNotStoredAndServiceReturnsWithoutARestart() throws Exception {
		ExecutorService senders = startSenders();
		Thread.sleep(BEFORE_OUTAGE.toMillis());
		this.phase = Phase.OUTAGE;
		postgres.stop();
		Thread.sleep(OUTAGE.toMillis());
		this.phase = Phase.RECOVERING;
		long restarted = System.nanoTime();
		postgres.restart();
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.answers.values()
				.stream()
				.anyMatch((sent) -> sent.phase() == Phase.RECOVERING && sent.answer().acknowledged()));
		double recoverySeconds = (System.nanoTime() - restarted) / 1e9;
		this.phase = Phase.RECOVERED;
		Thread.sleep(AFTER_RECOVERY.toMillis());
		this.sending = false;
		senders.shutdown();
		assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		JdbcClient store = JdbcClient.create(postgres.dataSource());
		Set<String> storedIds = new HashSet<>(
				store.sql("select cast(id as varchar) from clickwrap_event").query(String.class).list());
		Set<String> storedNotifications = new HashSet<>(
				store.sql("select notification_id from clickwrap_event").query(String.class).list());
		long acknowledgedNotStored = count(
				(number, sent) -> sent.answer().acknowledged() && !storedIds.contains(sent.answer().relayId()));
		long refusedButStored = count((number, sent) -> !sent.answer().acknowledged()
				&& storedNotifications.contains("n-" + this.acceptances.activity(number)));
		long refused = count((number, sent) -> sent.answer().status() == 503);
		long withoutRetryAfter = count(
				(number, sent) -> sent.answer().status() == 503 && !"30".equals(sent.answer().retryAfter()));
		long otherAnswers = count((number, sent) -> sent.answer().status() != 202 && sent.answer().status() != 503);
		long refusedAfterRecovery = count(
				(number, sent) -> sent.phase() == Phase.RECOVERED && !sent.answer().acknowledged());
		long resentAndQueued = resendRefused();
		long rows = store.sql("select count(*) from clickwrap_event").query(Long.class).single();
		long duplicates = rows - this.answers.size();

		new FaultSummary(SCENARIO).load(this.answers.size())
			.faults("postgres-stopped-for-" + OUTAGE.toSeconds() + "s")
			.lost(acknowledgedNotStored)
			.duplicates(duplicates)
			.with("senders", SENDERS)
			.with("answered_202", this.answers.size() - refused - otherAnswers)
			.with("answered_503", refused)
			.with("answered_other", otherAnswers)
			.with("503_without_retry_after", withoutRetryAfter)
			.with("stored_despite_503", refusedButStored)
			.with("503_resent_and_queued", resentAndQueued)
			.with("recovery_seconds", String.format("%.1f", recoverySeconds))
			.with("refused_after_recovery", refusedAfterRecovery)
			.print();

		assertThat(acknowledgedNotStored).as("202 answers whose event is not stored").isZero();
		assertThat(duplicates).as("events stored more than once").isZero();
		assertThat(refused).as("503 answers while PostgreSQL was down").isPositive();
		assertThat(refusedButStored).as("503 answers whose event was stored anyway").isZero();
		assertThat(withoutRetryAfter).isZero();
		assertThat(otherAnswers).as("answers other than 202 and 503").isZero();
		assertThat(refusedAfterRecovery).isZero();
		assertThat(resentAndQueued).isEqualTo(refused);
	}

	private ExecutorService startSenders() {
		URI endpoint = URI.create("http://127.0.0.1:" + this.port + "/webhooks/clickwrap");
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		for (int i = 0; i < SENDERS; i++) {
			senders.submit(() -> {
				while (this.sending) {
					int number = next.incrementAndGet();
					Phase sentIn = this.phase;
					WebhookSender.Answer answer;
					try {
						answer = this.sender.send(endpoint, this.acceptances.webhook(number));
					}
					catch (IOException ex) {
						answer = new WebhookSender.Answer(-1, null, null, null);
					}
					this.answers.put(number, new Sent(sentIn, answer));
					Thread.sleep(20);
				}
				return null;
			});
		}
		return senders;
	}

	/**
	 * Sends every refused webhook again, as Clickwrap would; each must now be stored as
	 * new.
	 */
	private long resendRefused() throws Exception {
		URI endpoint = URI.create("http://127.0.0.1:" + this.port + "/webhooks/clickwrap");
		long queued = 0;
		for (Map.Entry<Integer, Sent> entry : this.answers.entrySet()) {
			if (entry.getValue().answer().status() == 503) {
				WebhookSender.Answer again = this.sender.send(endpoint, this.acceptances.webhook(entry.getKey()));
				queued += (again.acknowledged() && "queued".equals(again.outcome())) ? 1 : 0;
			}
		}
		return queued;
	}

	private long count(SentCondition condition) {
		return this.answers.entrySet()
			.stream()
			.filter((entry) -> condition.holds(entry.getKey(), entry.getValue()))
			.count();
	}

	private enum Phase {

		BEFORE_OUTAGE, OUTAGE, RECOVERING, RECOVERED

	}

	private record Sent(Phase phase, WebhookSender.Answer answer) {
	}

	@FunctionalInterface
	private interface SentCondition {

		boolean holds(int number, Sent sent);

	}

}
