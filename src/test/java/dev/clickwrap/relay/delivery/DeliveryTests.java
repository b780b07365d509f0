package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.store.EventStore;
import dev.clickwrap.relay.store.NewEvent;
import dev.clickwrap.relay.testsupport.FakeSalesforce;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agreements travelling from the store to a fake Salesforce org through the real worker,
 * client, retry and circuit breaker, with retry waits shortened to fit a test.
 */
@SpringBootTest(properties = { "relay.delivery.poll-interval=100ms", "relay.delivery.retry-schedule=1s,1s,1s,1s,1s",
		"relay.delivery.jitter=0", "relay.delivery.throttle-pause=1s", "relay.delivery.metrics-interval=200ms",
		"relay.salesforce.client-id=relay", "relay.salesforce.client-secret=secret", "relay.salesforce.read-timeout=2s",
		"resilience4j.retry.instances.salesforce.wait-duration=10ms",
		"resilience4j.circuitbreaker.instances.salesforce.minimum-number-of-calls=4",
		"resilience4j.circuitbreaker.instances.salesforce.sliding-window-size=4",
		"resilience4j.circuitbreaker.instances.salesforce.wait-duration-in-open-state=1s",
		"resilience4j.circuitbreaker.instances.salesforce.permitted-number-of-calls-in-half-open-state=1" })
@ActiveProfiles("test")
class DeliveryTests {

	private static final FakeSalesforce salesforce = new FakeSalesforce();

	@Autowired
	private EventStore store;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void salesforce(DynamicPropertyRegistry registry) {
		registry.add("relay.salesforce.login-url", salesforce::baseUrl);
	}

	@AfterAll
	static void stopSalesforce() {
		salesforce.stop();
	}

	@BeforeEach
	void cleanSlate() {
		breaker().transitionToForcedOpenState();
		this.jdbc.sql("delete from clickwrap_event").update();
		salesforce.reset();
	}

	@AfterEach
	void closeBreaker() {
		breaker().transitionToClosedState();
	}

	@Test
	void agreementIsWrittenToOpportunityAccountAndContactInOneCall() {
		UUID id = store(agreement("one", "006000000000001AAA", "001000000000001AAA", "signer-1"));

		breaker().transitionToClosedState();

		awaitStatus(id, "DELIVERED");
		assertThat(salesforce.compositeCalls()).isEqualTo(1);
		assertThat(salesforce.writesByRecord()).containsOnly(Map.entry("Opportunity/006000000000001AAA", 1),
				Map.entry("Account/001000000000001AAA", 1), Map.entry("Contact/Clickwrap_Signer_Id__c/signer-1", 1));
		String request = salesforce.server()
			.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().endsWith("/composite"))
			.findFirst()
			.orElseThrow()
			.getRequest()
			.getBodyAsString();
		assertThat(request).contains("\"Clickwrap_Agreed__c\":true")
			.contains("\"Clickwrap_Contract_Version__c\":\"v-one\"")
			.contains("\"FirstName\":\"Ada\"")
			.contains("\"AccountId\":\"001000000000001AAA\"");
		assertThat(attempts(id)).containsExactly("DELIVERED");
	}

	@Test
	void backlogOfAThousandAgreementsIsDrainedWithinTwentyCalls() {
		List<UUID> ids = IntStream.range(0, 1000)
			.mapToObj((i) -> store(
					agreement("backlog-" + i, salesforceId("006", i), salesforceId("001", i % 50), "signer-" + i)))
			.toList();

		breaker().transitionToClosedState();

		await().atMost(Duration.ofSeconds(60)).until(() -> count("DELIVERED") == ids.size());
		assertThat(salesforce.compositeCalls()).isLessThanOrEqualTo(20);
		Map<String, Integer> writes = salesforce.writesByRecord();
		assertThat(writes).hasSize(1000 + 50 + 1000);
		writes.forEach((record, count) -> assertThat(count).as(record)
			.isLessThanOrEqualTo(record.startsWith("Account/") ? salesforce.compositeCalls() : 1));
		System.out.printf("backlog: 1000 agreements delivered in %d composite calls%n", salesforce.compositeCalls());
	}

	@Test
	void oneRejectedRecordParksOnlyItsOwnEvent() {
		salesforce.rejectRecord("006000000000BADAAA");
		UUID bad = store(agreement("bad", "006000000000BADAAA", "001000000000002AAA", "signer-2"));
		UUID good = store(agreement("good", "006000000000003AAA", "001000000000003AAA", "signer-3"));

		breaker().transitionToClosedState();

		awaitStatus(bad, "PARKED");
		awaitStatus(good, "DELIVERED");
		assertThat(salesforce.compositeCalls()).isEqualTo(1);
		Map<String, Object> parked = row(bad);
		assertThat(parked.get("last_error_code")).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
		assertThat(parked.get("attempts")).isEqualTo(1);
	}

	@Test
	void permanentRejectionOfTheWholeCallParksAtOnce() {
		salesforce.failCalls(400, "INVALID_FIELD");
		UUID id = store(agreement("invalid", "006000000000004AAA", null, "signer-4"));

		breaker().transitionToClosedState();

		awaitStatus(id, "PARKED");
		assertThat(row(id).get("last_error_code")).isEqualTo("INVALID_FIELD");
		assertThat(salesforce.compositeCalls()).isEqualTo(1);
	}

	@Test
	void outageEndsWithEveryEventDeliveredNoneParkedAndNoRecordCreatedTwice() {
		salesforce.failCalls(503, "SERVER_UNAVAILABLE");
		List<UUID> ids = IntStream.range(0, 20)
			.mapToObj((i) -> store(agreement("outage-" + i, salesforceId("006", i), null, "signer-o" + i)))
			.toList();
		List<CircuitBreaker.StateTransition> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();
		breaker().getEventPublisher().onStateTransition((event) -> transitions.add(event.getStateTransition()));

		breaker().transitionToClosedState();
		await().atMost(Duration.ofSeconds(20)).until(() -> breaker().getState() == CircuitBreaker.State.OPEN);
		salesforce.heal();

		await().atMost(Duration.ofSeconds(60)).until(() -> count("DELIVERED") == ids.size());
		assertThat(count("PARKED")).isZero();
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(transitions).contains(CircuitBreaker.StateTransition.CLOSED_TO_OPEN,
				CircuitBreaker.StateTransition.HALF_OPEN_TO_CLOSED);
		assertThat(salesforce.createdRecords()).isEqualTo(20);
	}

	@Test
	void spentApiAllowanceHoldsEventsBackWithoutUsingUpAttempts() {
		salesforce.failCalls(403, "REQUEST_LIMIT_EXCEEDED");
		UUID id = store(agreement("limit", "006000000000005AAA", null, "signer-5"));
		double throttled = attemptsCounted("throttled");

		breaker().transitionToClosedState();

		await().atMost(Duration.ofSeconds(10)).until(() -> attemptsCounted("throttled") > throttled);
		assertThat(row(id).get("status")).isEqualTo("WAITING");
		assertThat(row(id).get("attempts")).isEqualTo(0);
		salesforce.heal();
		awaitStatus(id, "DELIVERED");
	}

	@Test
	void openBreakerStopsClaimingSoEventsKeepTheirAttempts() throws InterruptedException {
		UUID id = store(agreement("held", "006000000000006AAA", null, "signer-6"));

		Thread.sleep(500);

		assertThat(salesforce.compositeCalls()).isZero();
		assertThat(row(id).get("attempts")).isEqualTo(0);
		assertThat(row(id).get("claimed_by")).isNull();
	}

	@Test
	void targetWithoutItsKeyIsSkippedAndTheSkipRecorded() {
		UUID id = store(agreement("skip", null, null, "signer-7"));

		breaker().transitionToClosedState();

		awaitStatus(id, "DELIVERED");
		assertThat(salesforce.writesByRecord()).containsOnlyKeys("Contact/Clickwrap_Signer_Id__c/signer-7");
		assertThat(attempts(id)).containsExactlyInAnyOrder("SKIPPED", "SKIPPED", "DELIVERED");
		assertThat(attemptsCounted("skipped")).isPositive();
	}

	@Test
	void deliveryMetricsAreExported() {
		UUID id = store(agreement("metrics", "006000000000008AAA", null, "signer-8"));
		breaker().transitionToClosedState();
		awaitStatus(id, "DELIVERED");

		assertThat(this.meters.get("relay.delivery.latency").timer().count()).isPositive();
		assertThat(this.meters.get("relay.delivery.waiting").gauge()).isNotNull();
		assertThat(this.meters.get("relay.delivery.oldest.waiting.age").gauge()).isNotNull();
		assertThat(this.meters.get("relay.delivery.parked").gauge()).isNotNull();
		assertThat(this.meters.get("relay.salesforce.api.calls").tag("kind", "composite").counter().count())
			.isPositive();
	}

	private CircuitBreaker breaker() {
		return this.circuitBreakers.circuitBreaker("salesforce");
	}

	private double attemptsCounted(String outcome) {
		return this.meters.get("relay.delivery.attempts").tag("outcome", outcome).counter().count();
	}

	private UUID store(ActivityAgreed agreement) {
		return this.store.store(new NewEvent(agreement, payload(agreement), EventStatus.WAITING)).id();
	}

	private void awaitStatus(UUID id, String status) {
		await().atMost(Duration.ofSeconds(30)).until(() -> status.equals(row(id).get("status")));
	}

	private long count(String status) {
		return this.jdbc.sql("select count(*) from clickwrap_event where status = :status")
			.param("status", status)
			.query(Long.class)
			.single();
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select * from clickwrap_event where id = :id").param("id", id).query().singleRow();
	}

	private List<String> attempts(UUID id) {
		return this.jdbc.sql("select outcome from delivery_attempt where event_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	static String salesforceId(String prefix, int number) {
		return prefix + String.format("%012d", number) + "AAA";
	}

	static ActivityAgreed agreement(String activity, String opportunityId, String accountId, String signer) {
		Map<String, String> customData = new java.util.LinkedHashMap<>();
		customData.put("first_name", "Ada");
		customData.put("last_name", "Lovelace");
		if (opportunityId != null) {
			customData.put("opportunity_id", opportunityId);
		}
		if (accountId != null) {
			customData.put("account_id", accountId);
		}
		return new ActivityAgreed("n-" + activity, 42, activity, 7, "v-" + activity, 3L, signer, customData,
				Instant.parse("2026-05-01T10:00:00Z"));
	}

	static String payload(ActivityAgreed agreement) {
		StringBuilder customData = new StringBuilder();
		agreement.customData()
			.forEach((key, value) -> customData.append(customData.isEmpty() ? "" : ",")
				.append('"')
				.append(key)
				.append("\":\"")
				.append(value)
				.append('"'));
		return "{\"event_type\":\"activity_agreed\",\"id\":\"" + agreement.notificationId() + "\",\"site\":"
				+ agreement.site() + ",\"activity\":\"" + agreement.activity() + "\",\"contract\":"
				+ agreement.contract() + ",\"version\":\"" + agreement.version() + "\",\"group\":3,\"signer_id\":\""
				+ agreement.signerId() + "\",\"created_time\":\"" + agreement.createdTime() + "\",\"custom_data\":{"
				+ customData + "}}";
	}

}
