package dev.clickwrap.relay.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.clickwrap.relay.testsupport.FakeSalesforce;
import dev.clickwrap.relay.testsupport.RelayProcess;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGKILL of the packaged relay while webhooks arrive from several senders and deliveries
 * run; after a restart, every acknowledged acceptance reaches Salesforce, none is lost
 * and no record is created twice.
 */
class SigkillIngestIT {

	private static final String SCENARIO = "sigkill-ingest";

	private static final int SENDERS = 4;

	private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 300;

	private final FakeSalesforce salesforce = new FakeSalesforce();

	private final Acceptances acceptances = new Acceptances(SCENARIO);

	private final WebhookSender sender = new WebhookSender(PackagedRelay.TOKEN);

	@TempDir
	Path dataDirectory;

	@AfterEach
	void stopSalesforce() {
		this.salesforce.stop();
	}

	@Test
	@Timeout(value = 150, unit = TimeUnit.SECONDS)
	void everyAcknowledgedAcceptanceReachesSalesforceAfterASigkillMidLoad() throws Exception {
		Path log = PackagedRelay.logFile(SCENARIO);
		// The batch the killed process had claimed waits for its lease to run out before
		// the restarted one takes it
		String[] arguments = PackagedRelay.arguments(this.dataDirectory, this.salesforce, "--relay.delivery.lease=5s");
		Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger sent = new AtomicInteger();

		try (RelayProcess relay = RelayProcess.start(log, arguments)) {
			sendUntilKilled(relay, acknowledged, sent);
		}
		int writtenBeforeRestart = this.salesforce.writesByRecord().size();

		try (RelayProcess restarted = RelayProcess.start(log, arguments)) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.acceptances.notWritten(this.salesforce, acknowledged.keySet()) == 0
						&& PackagedRelay.waiting(restarted, this.sender) == 0);
		}

		SingleConnectionDataSource store = PackagedRelay.openStore(this.dataDirectory);
		try {
			JdbcClient jdbc = JdbcClient.create(store);
			long notStored = acknowledged.values()
				.stream()
				.filter((relayId) -> jdbc.sql("select count(*) from clickwrap_event where id = cast(:id as uuid)")
					.param("id", relayId)
					.query(Long.class)
					.single() == 0)
				.count();
			long lost = this.acceptances.notWritten(this.salesforce, acknowledged.keySet()) + notStored;
			long duplicates = FaultSummary.createdTwice(this.salesforce) + FaultSummary.deliveredTwice(jdbc);
			long stored = jdbc.sql("select count(*) from clickwrap_event").query(Long.class).single();
			new FaultSummary(SCENARIO).load(sent.get())
				.faults("sigkill-after-" + acknowledged.size() + "-acks")
				.lost(lost)
				.duplicates(duplicates)
				.with("senders", SENDERS)
				.with("acknowledged", acknowledged.size())
				.with("stored", stored)
				.with("delivered", FaultSummary.eventsIn(jdbc, "DELIVERED"))
				.with("parked", FaultSummary.eventsIn(jdbc, "PARKED"))
				.with("records_written_before_restart", writtenBeforeRestart)
				.with("records_rewritten", FaultSummary.rewritten(this.salesforce))
				.print();

			assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGEMENTS_BEFORE_KILL);
			assertThat(lost).as("acknowledged acceptances lost").isZero();
			assertThat(duplicates).as("records created twice or events delivered twice").isZero();
			assertThat(FaultSummary.eventsIn(jdbc, "DELIVERED")).isEqualTo(stored);
		}
		finally {
			store.destroy();
		}
	}

	private void sendUntilKilled(RelayProcess relay, Map<Integer, String> acknowledged, AtomicInteger sent)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		for (int i = 0; i < SENDERS; i++) {
			senders.submit(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					int number = next.incrementAndGet();
					try {
						sent.incrementAndGet();
						WebhookSender.Answer answer = this.sender.send(relay.uri("/webhooks/clickwrap"),
								this.acceptances.webhook(number));
						if (answer.acknowledged()) {
							acknowledged.put(number, answer.relayId());
						}
					}
					catch (Exception ex) {
						return;
					}
				}
			});
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> acknowledged.size() >= ACKNOWLEDGEMENTS_BEFORE_KILL);
		relay.kill();
		senders.shutdownNow();
		assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

}
