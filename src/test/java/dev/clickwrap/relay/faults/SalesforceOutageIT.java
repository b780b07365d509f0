package dev.clickwrap.relay.faults;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.clickwrap.relay.salesforce.SalesforceClient;
import dev.clickwrap.relay.testsupport.FakeSalesforce;

import org.springframework.beans.factory.annotation.Autowired;
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
 * Salesforce answers 503, then resets connections, for a few seconds while webhooks keep
 * arriving, then recovers. Nothing is lost or parked, no record is created twice, and the
 * circuit breaker opens and closes again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "relay.delivery.poll-interval=100ms", "relay.delivery.batch-size=25",
				"relay.delivery.retry-schedule=1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s,1s",
				"relay.delivery.jitter=0", "relay.delivery.metrics-interval=200ms", "relay.salesforce.client-id=relay",
				"relay.salesforce.client-secret=secret", "relay.salesforce.read-timeout=2s",
				"relay.salesforce.limits-poll-interval=0", "resilience4j.retry.instances.salesforce.wait-duration=50ms",
				"resilience4j.circuitbreaker.instances.salesforce.sliding-window-size=6",
				"resilience4j.circuitbreaker.instances.salesforce.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.salesforce.wait-duration-in-open-state=1s",
				"resilience4j.circuitbreaker.instances.salesforce.permitted-number-of-calls-in-half-open-state=2" })
@ActiveProfiles("test")
@DirtiesContext
class SalesforceOutageIT {

	private static final String SCENARIO = "salesforce-outage";

	private static final int SENDERS = 3;

	private static final Duration BEFORE_OUTAGE = Duration.ofSeconds(2);

	private static final Duration OUTAGE = Duration.ofSeconds(5);

	private static final Duration AFTER_OUTAGE = Duration.ofSeconds(3);

	private static final FakeSalesforce salesforce = new FakeSalesforce();

	private final Acceptances acceptances = new Acceptances(SCENARIO);

	private final WebhookSender sender = new WebhookSender("test-token");

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void salesforce(DynamicPropertyRegistry registry) {
		registry.add("relay.salesforce.login-url", salesforce::baseUrl);
	}

	@AfterAll
	static void stopSalesforce() {
		salesforce.stop();
	}

	@Test
	@Timeout(value = 90, unit = TimeUnit.SECONDS)
	void outageUnderLoadEndsWithEverythingDeliveredOnceAndTheBreakerClosed() throws Exception {
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker(SalesforceClient.RESILIENCE);
		List<CircuitBreaker.StateTransition> transitions = new CopyOnWriteArrayList<>();
		breaker.getEventPublisher().onStateTransition((event) -> transitions.add(event.getStateTransition()));
		Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger sent = new AtomicInteger();
		AtomicBoolean sending = new AtomicBoolean(true);
		ExecutorService senders = startSenders(sending, sent, acknowledged);

		Thread.sleep(BEFORE_OUTAGE.toMillis());
		salesforce.failCalls(503, "SERVER_UNAVAILABLE");
		Thread.sleep(OUTAGE.toMillis() / 2);
		salesforce.resetConnections();
		Thread.sleep(OUTAGE.toMillis() / 2);
		salesforce.heal();
		Thread.sleep(AFTER_OUTAGE.toMillis());
		sending.set(false);
		senders.shutdown();
		assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

		await().atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> FaultSummary.eventsIn(this.jdbc, "WAITING") == 0 && breaker.getState() == State.CLOSED);
		long lost = this.acceptances.notWritten(salesforce, acknowledged.keySet());
		long duplicates = FaultSummary.createdTwice(salesforce) + FaultSummary.deliveredTwice(this.jdbc);
		long parked = FaultSummary.eventsIn(this.jdbc, "PARKED");
		long transientFailures = Math.round(compositeCalls("transient"));
		long permanentFailures = Math.round(compositeCalls("permanent"));
		new FaultSummary(SCENARIO).load(sent.get())
			.faults("salesforce-503-then-connection-resets-for-" + OUTAGE.toSeconds() + "s")
			.lost(lost)
			.duplicates(duplicates)
			.with("senders", SENDERS)
			.with("acknowledged", acknowledged.size())
			.with("delivered", FaultSummary.eventsIn(this.jdbc, "DELIVERED"))
			.with("parked", parked)
			.with("records_rewritten", FaultSummary.rewritten(salesforce))
			.with("calls_answered_503", salesforce.failedCalls())
			.with("connections_reset", salesforce.connectionResets())
			.with("relay_saw_transient", transientFailures)
			.with("relay_saw_permanent", permanentFailures)
			.with("attempts_retried", (long) attempts("retried"))
			.with("breaker_opened",
					transitions.stream().filter((transition) -> transition.getToState() == State.OPEN).count())
			.with("breaker_closed",
					transitions.stream().filter((transition) -> transition.getToState() == State.CLOSED).count())
			.with("breaker_state", breaker.getState())
			.print();

		assertThat(acknowledged).hasSize(sent.get());
		assertThat(lost).as("acknowledged acceptances never written").isZero();
		assertThat(duplicates).as("records created twice or events delivered twice").isZero();
		assertThat(parked).isZero();
		assertThat(FaultSummary.rewritten(salesforce)).as("records written more than once").isZero();
		assertThat(salesforce.connectionResets()).as("calls whose connection was reset").isPositive();
		// Every 503 counts once; more than that means resets reached the relay too, as
		// transient failures
		assertThat(transientFailures).as("failed calls the relay counted as transient")
			.isGreaterThan(salesforce.failedCalls());
		assertThat(permanentFailures).as("failed calls the relay counted as permanent").isZero();
		assertThat(transitions).contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN,
				CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
		assertThat(transitions.get(transitions.size() - 1))
			.isEqualTo(CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
	}

	private ExecutorService startSenders(AtomicBoolean sending, AtomicInteger sent, Map<Integer, String> acknowledged) {
		URI endpoint = URI.create("http://127.0.0.1:" + this.port + "/webhooks/clickwrap");
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		for (int i = 0; i < SENDERS; i++) {
			senders.submit(() -> {
				while (sending.get()) {
					int number = sent.incrementAndGet();
					WebhookSender.Answer answer = this.sender.send(endpoint, this.acceptances.webhook(number));
					if (answer.acknowledged()) {
						acknowledged.put(number, answer.relayId());
					}
					Thread.sleep(20);
				}
				return null;
			});
		}
		return senders;
	}

	private double compositeCalls(String outcome) {
		return this.meters.find("relay.salesforce.api.calls")
			.tag("kind", "composite")
			.tag("outcome", outcome)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private double attempts(String outcome) {
		return this.meters.get("relay.delivery.attempts").tag("outcome", outcome).counter().count();
	}

}
