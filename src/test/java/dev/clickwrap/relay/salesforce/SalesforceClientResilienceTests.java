package dev.clickwrap.relay.salesforce;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The retry and circuit breaker around {@link SalesforceClient#composite}, as the
 * application wires them.
 */
@SpringBootTest(properties = { "relay.ingest.tokens=test-token",
		"spring.datasource.url=jdbc:h2:mem:sf;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
		"relay.salesforce.client-id=relay-client", "relay.salesforce.client-secret=s3cret",
		"relay.salesforce.limits-poll-interval=0", "resilience4j.retry.instances.salesforce.wait-duration=20ms",
		"resilience4j.circuitbreaker.instances.salesforce.sliding-window-size=4",
		"resilience4j.circuitbreaker.instances.salesforce.minimum-number-of-calls=4",
		"resilience4j.circuitbreaker.instances.salesforce.wait-duration-in-open-state=1s",
		"resilience4j.circuitbreaker.instances.salesforce.permitted-number-of-calls-in-half-open-state=1" })
class SalesforceClientResilienceTests {

	@RegisterExtension
	static final WireMockExtension salesforce = SalesforceStubs.server();

	private static final CompositeRequest UPSERT_CONTACT = new CompositeRequest(true,
			List.of(CompositeSubrequest.patch("contact",
					"/services/data/v66.0/sobjects/Contact/Clickwrap_Key__c/signer-1", Map.of("LastName", "Doe"))));

	private static final String SUCCESS = "{\"compositeResponse\":[{\"body\":{\"id\":\"003A\",\"success\":true},"
			+ "\"httpStatusCode\":200,\"referenceId\":\"contact\"}]}";

	@Autowired
	private SalesforceClient client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private HealthEndpoint healthEndpoint;

	@DynamicPropertySource
	static void salesforceOrg(DynamicPropertyRegistry registry) {
		registry.add("relay.salesforce.login-url", () -> SalesforceStubs.baseUrl(salesforce));
	}

	@BeforeEach
	void closeBreaker() {
		breaker().reset();
		SalesforceStubs.stubToken(salesforce, "token-1");
	}

	@Test
	void aTransientFailureIsRetried() {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).inScenario("recovering")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.errorReply(503, "SERVER_UNAVAILABLE"))
			.willSetStateTo("recovered"));
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).inScenario("recovering")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(SUCCESS)));

		CompositeResponse response = this.client.composite(UPSERT_CONTACT);

		assertThat(response.isSuccess()).isTrue();
		assertThat(compositeCalls()).isEqualTo(2);
	}

	@Test
	void aPermanentFailureIsNeitherRetriedNorCountedAgainstSalesforce() {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(400, "INVALID_FIELD")));

		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(PermanentSalesforceException.class)
				.isThrownBy(() -> this.client.composite(UPSERT_CONTACT));
		}

		assertThat(compositeCalls()).isEqualTo(5);
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void refusedCredentialsAreNotRetried() {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(401, "INVALID_SESSION_ID")));
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));

		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> this.client.composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));

		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH)))).hasSize(1);
		assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
	}

	@Test
	void repeatedTransientFailuresOpenTheBreakerUntilTheWaitIsOver() {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(503, "SERVER_UNAVAILABLE")));

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> this.client.composite(UPSERT_CONTACT));
		assertThatExceptionOfType(SalesforceUnavailableException.class)
			.isThrownBy(() -> this.client.composite(UPSERT_CONTACT));

		assertThat(this.client.isAcceptingCalls()).isFalse();
		assertThat(compositeCalls()).isEqualTo(4);
		assertThatExceptionOfType(SalesforceUnavailableException.class)
			.isThrownBy(() -> this.client.composite(UPSERT_CONTACT));
		assertThat(compositeCalls()).isEqualTo(4);

		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).willReturn(okJson(SUCCESS)));
		await().atMost(Duration.ofSeconds(5)).until(this.client::isAcceptingCalls);
		assertThat(this.client.composite(UPSERT_CONTACT).isSuccess()).isTrue();
		assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void retryAndBreakerPublishMetricsAndTheBreakerItsHealth() {
		assertThat(this.meterRegistry.find("resilience4j.circuitbreaker.state").tag("name", "salesforce").gauges())
			.isNotEmpty();
		assertThat(this.meterRegistry.find("resilience4j.retry.calls").tag("name", "salesforce").functionCounters())
			.isNotEmpty();
		assertThat(this.healthEndpoint.healthForPath("circuitBreakers")).isNotNull();
	}

	private CircuitBreaker breaker() {
		return this.circuitBreakers.circuitBreaker(SalesforceClient.RESILIENCE);
	}

	private int compositeCalls() {
		return salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))).size();
	}

}
