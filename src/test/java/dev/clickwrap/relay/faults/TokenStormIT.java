package dev.clickwrap.relay.faults;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.clickwrap.relay.salesforce.CompositeRequest;
import dev.clickwrap.relay.salesforce.CompositeResponse;
import dev.clickwrap.relay.salesforce.CompositeSubrequest;
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
 * Salesforce expires the relay's session while work is queued. The delivery worker sends
 * one batch at a time, so through it an expired session meets one call, not many; it is
 * driven end to end for that, and the storm itself, many calls meeting
 * {@code INVALID_SESSION_ID} at once, is driven through the relay's
 * {@link SalesforceClient} bean from many threads. Either way exactly one new token is
 * fetched and every call is replayed with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "relay.delivery.poll-interval=100ms", "relay.delivery.batch-size=25",
				"relay.salesforce.client-id=relay", "relay.salesforce.client-secret=secret",
				"relay.salesforce.limits-poll-interval=0" })
@ActiveProfiles("test")
@DirtiesContext
class TokenStormIT {

	private static final String SCENARIO = "token-storm";

	private static final int EVENTS = 200;

	private static final int CONCURRENT_CALLS = 16;

	private static final FakeSalesforce salesforce = new FakeSalesforce();

	private final Acceptances acceptances = new Acceptances(SCENARIO);

	private final WebhookSender sender = new WebhookSender("test-token");

	@Autowired
	private SalesforceClient client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private JdbcClient jdbc;

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
	void anExpiredSessionCostsExactlyOneNewTokenThroughTheWorkerAndUnderConcurrentCalls() throws Exception {
		CircuitBreaker breaker = this.circuitBreakers.circuitBreaker(SalesforceClient.RESILIENCE);
		URI endpoint = URI.create("http://127.0.0.1:" + this.port + "/webhooks/clickwrap");
		assertThat(this.sender.send(endpoint, this.acceptances.webhook(0)).acknowledged()).isTrue();
		await().atMost(Duration.ofSeconds(20)).until(() -> FaultSummary.eventsIn(this.jdbc, "DELIVERED") == 1);

		breaker.transitionToForcedOpenState();
		List<Integer> numbers = IntStream.rangeClosed(1, EVENTS).boxed().toList();
		for (int number : numbers) {
			assertThat(this.sender.send(endpoint, this.acceptances.webhook(number)).acknowledged()).isTrue();
		}
		salesforce.expireIssuedTokens();
		int tokensBeforeWorker = salesforce.tokenRequests();
		int rejectedBeforeWorker = salesforce.rejectedSessions();
		breaker.transitionToClosedState();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> FaultSummary.eventsIn(this.jdbc, "DELIVERED") == EVENTS + 1);
		int workerTokenFetches = salesforce.tokenRequests() - tokensBeforeWorker;
		int workerRejectedCalls = salesforce.rejectedSessions() - rejectedBeforeWorker;

		salesforce.expireIssuedTokens();
		// Long enough for every caller to read the expired session before the first
		// rejection renews it
		salesforce.delayCalls(Duration.ofSeconds(1));
		int tokensBeforeStorm = salesforce.tokenRequests();
		int rejectedBeforeStorm = salesforce.rejectedSessions();
		long failedStormCalls = storm();
		int stormTokenFetches = salesforce.tokenRequests() - tokensBeforeStorm;
		int stormRejectedCalls = salesforce.rejectedSessions() - rejectedBeforeStorm;

		long lost = this.acceptances.notWritten(salesforce, numbers) + failedStormCalls;
		long duplicates = FaultSummary.createdTwice(salesforce) + FaultSummary.deliveredTwice(this.jdbc);
		new FaultSummary(SCENARIO).load(EVENTS + CONCURRENT_CALLS)
			.faults("401-INVALID_SESSION_ID-for-every-issued-token,twice")
			.lost(lost)
			.duplicates(duplicates)
			.with("worker_events", EVENTS)
			.with("worker_calls_rejected", workerRejectedCalls)
			.with("worker_token_fetches", workerTokenFetches)
			.with("storm_concurrent_calls", CONCURRENT_CALLS)
			.with("storm_calls_rejected", stormRejectedCalls)
			.with("storm_token_fetches", stormTokenFetches)
			.with("records_rewritten", FaultSummary.rewritten(salesforce))
			.with("note", "worker-sends-one-batch-at-a-time,storm-driven-through-SalesforceClient-bean")
			.print();

		assertThat(lost).as("acceptances never written and storm calls that failed").isZero();
		assertThat(duplicates).as("records created twice or events delivered twice").isZero();
		assertThat(workerRejectedCalls).isEqualTo(1);
		assertThat(workerTokenFetches).isEqualTo(1);
		assertThat(stormRejectedCalls).as("calls that met the expired session at once").isEqualTo(CONCURRENT_CALLS);
		assertThat(stormTokenFetches).isEqualTo(1);
		assertThat(FaultSummary.rewritten(salesforce)).as("records written more than once").isZero();
	}

	/**
	 * Starts many composite calls at the same instant with the expired session.
	 * @return how many of them failed
	 */
	private long storm() throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(CONCURRENT_CALLS);
		try {
			List<Future<CompositeResponse>> replies = new ArrayList<>();
			for (int i = 0; i < CONCURRENT_CALLS; i++) {
				CompositeRequest request = contactUpsert("storm-" + i);
				replies.add(callers.submit(() -> {
					start.await();
					return this.client.composite(request);
				}));
			}
			start.countDown();
			long failed = 0;
			for (Future<CompositeResponse> reply : replies) {
				failed += reply.get(30, TimeUnit.SECONDS).isSuccess() ? 0 : 1;
			}
			return failed;
		}
		finally {
			callers.shutdownNow();
		}
	}

	private CompositeRequest contactUpsert(String signer) {
		Map<String, Object> contact = Map.of("attributes", Map.of("type", "Contact"), "Clickwrap_Signer_Id__c", signer,
				"LastName", "Storm");
		return new CompositeRequest(false,
				List.of(CompositeSubrequest.patch("contact",
						this.client.dataPath("composite/sobjects/Contact/Clickwrap_Signer_Id__c"),
						Map.of("allOrNone", false, "records", List.of(contact)))));
	}

}
