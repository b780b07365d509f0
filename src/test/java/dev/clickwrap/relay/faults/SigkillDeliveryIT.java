package dev.clickwrap.relay.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

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
 * SIGKILL of the packaged relay in the middle of draining a backlog into a slow
 * Salesforce org. After a restart the claims of the dead process run out and the drain
 * finishes: everything delivered, nothing lost, no record created twice, and only the
 * batch in flight at the kill written again.
 */
class SigkillDeliveryIT {

	private static final String SCENARIO = "sigkill-delivery";

	private static final int BACKLOG = 1000;

	private static final int BATCH_SIZE = 25;

	private static final int SENDERS = 4;

	/**
	 * Kill once this many acceptances are written: well into the drain, far from its end.
	 */
	private static final int WRITTEN_BEFORE_KILL = 300;

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
	@Timeout(value = 180, unit = TimeUnit.SECONDS)
	void backlogIsDeliveredOnceAfterASigkillMidDrain() throws Exception {
		Path log = PackagedRelay.logFile(SCENARIO);
		String[] arguments = PackagedRelay.arguments(this.dataDirectory, this.salesforce,
				"--relay.delivery.batch-size=" + BATCH_SIZE, "--relay.delivery.lease=5s");
		List<Integer> numbers = IntStream.rangeClosed(1, BACKLOG).boxed().toList();
		// Slower still while the backlog is sent, so that it builds up however fast this
		// machine ingests
		this.salesforce.delayCalls(Duration.ofSeconds(1));

		int writtenAtKill;
		try (RelayProcess relay = RelayProcess.start(log, arguments)) {
			long acknowledged = ingest(relay, numbers);
			assertThat(acknowledged).as("acknowledged webhooks").isEqualTo(BACKLOG);
			this.salesforce.delayCalls(Duration.ofMillis(300));
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> contactsWritten() >= WRITTEN_BEFORE_KILL);
			relay.kill();
			writtenAtKill = contactsWritten();
		}
		assertThat(writtenAtKill).as("acceptances written when the relay was killed").isLessThan(BACKLOG);
		int callsBeforeRestart = this.salesforce.compositeCalls();

		long drainStarted = System.nanoTime();
		try (RelayProcess restarted = RelayProcess.start(log, arguments)) {
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> this.acceptances.notWritten(this.salesforce, numbers) == 0
						&& PackagedRelay.waiting(restarted, this.sender) == 0);
		}
		long drainSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - drainStarted);

		SingleConnectionDataSource store = PackagedRelay.openStore(this.dataDirectory);
		try {
			JdbcClient jdbc = JdbcClient.create(store);
			long lost = this.acceptances.notWritten(this.salesforce, numbers);
			long duplicates = FaultSummary.createdTwice(this.salesforce) + FaultSummary.deliveredTwice(jdbc);
			long rewritten = FaultSummary.rewritten(this.salesforce);
			int mostWrites = this.salesforce.writesByRecord().values().stream().max(Integer::compare).orElse(0);
			new FaultSummary(SCENARIO).load(BACKLOG)
				.faults("sigkill-mid-drain,salesforce-300ms-per-call")
				.lost(lost)
				.duplicates(duplicates)
				.with("batch_size", BATCH_SIZE)
				.with("written_before_kill", writtenAtKill)
				.with("records_rewritten_after_kill", rewritten)
				.with("most_writes_of_one_record", mostWrites)
				.with("delivered", FaultSummary.eventsIn(jdbc, "DELIVERED"))
				.with("parked", FaultSummary.eventsIn(jdbc, "PARKED"))
				.with("composite_calls_before_kill", callsBeforeRestart)
				.with("composite_calls_after_restart", this.salesforce.compositeCalls() - callsBeforeRestart)
				.with("restart_and_drain_seconds", drainSeconds)
				.print();

			assertThat(lost).as("acceptances never written").isZero();
			assertThat(duplicates).as("records created twice or events delivered twice").isZero();
			assertThat(FaultSummary.eventsIn(jdbc, "DELIVERED")).isEqualTo(BACKLOG);
			// Only the batch in flight at the kill may be written again: two records per
			// acceptance, written twice
			assertThat(rewritten).isLessThanOrEqualTo(2L * BATCH_SIZE);
			assertThat(mostWrites).isLessThanOrEqualTo(2);
		}
		finally {
			store.destroy();
		}
	}

	private long ingest(RelayProcess relay, List<Integer> numbers) throws Exception {
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		try {
			List<Future<Boolean>> answers = numbers.stream()
				.map((number) -> senders
					.submit(() -> this.sender.send(relay.uri("/webhooks/clickwrap"), this.acceptances.webhook(number))
						.acknowledged()))
				.toList();
			long acknowledged = 0;
			for (Future<Boolean> answer : answers) {
				acknowledged += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			return acknowledged;
		}
		finally {
			senders.shutdownNow();
		}
	}

	private int contactsWritten() {
		return (int) this.salesforce.writesByRecord()
			.keySet()
			.stream()
			.filter((record) -> record.startsWith("Contact/"))
			.count();
	}

}
