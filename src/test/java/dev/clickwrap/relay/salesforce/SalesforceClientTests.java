package dev.clickwrap.relay.salesforce;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SalesforceClientTests {

	@RegisterExtension
	static final WireMockExtension salesforce = SalesforceStubs.server();

	private static final CompositeRequest UPSERT_CONTACT = new CompositeRequest(true,
			List.of(CompositeSubrequest.patch("contact",
					"/services/data/v66.0/sobjects/Contact/Clickwrap_Key__c/signer-1", Map.of("LastName", "Doe"))));

	@Test
	void compositeSendsAllSubrequestsInOneCallAndReturnsEachSubresponse() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.withHeader("Authorization", equalTo("Bearer token-1"))
			.withRequestBody(equalToJson("{\"allOrNone\":false,\"compositeRequest\":["
					+ "{\"method\":\"PATCH\",\"url\":\"/services/data/v66.0/sobjects/Account/Clickwrap_Key__c/a-1\","
					+ "\"referenceId\":\"account\",\"body\":{\"Name\":\"Acme\",\"Phone\":null}},"
					+ "{\"method\":\"GET\",\"url\":\"/services/data/v66.0/sobjects/Account/@{account.id}\","
					+ "\"referenceId\":\"read\"}]}"))
			.willReturn(okJson("{\"compositeResponse\":["
					+ "{\"body\":{\"id\":\"001A\",\"success\":true,\"errors\":[],\"created\":true},"
					+ "\"httpHeaders\":{},\"httpStatusCode\":201,\"referenceId\":\"account\"},"
					+ "{\"body\":{\"Id\":\"001A\"},\"httpHeaders\":{},\"httpStatusCode\":200,"
					+ "\"referenceId\":\"read\"}]}")));
		SalesforceStubs.Wiring wiring = wiring();
		Map<String, Object> account = new LinkedHashMap<>();
		account.put("Name", "Acme");
		account.put("Phone", null);

		CompositeResponse response = wiring.client()
			.composite(new CompositeRequest(false,
					List.of(CompositeSubrequest.patch("account",
							wiring.client().dataPath("sobjects/Account/Clickwrap_Key__c/a-1"), account),
							new CompositeSubrequest("GET", "/services/data/v66.0/sobjects/Account/@{account.id}",
									"read", null))));

		assertThat(response.isSuccess()).isTrue();
		assertThat(response.subresponses()).extracting(CompositeSubresponse::referenceId)
			.containsExactly("account", "read");
		assertThat(response.find("account").orElseThrow().body().path("created").asBoolean()).isTrue();
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)))).hasSize(1);
		assertThat(wiring.calls("composite", "success")).isEqualTo(1);
	}

	@Test
	void aFailedSubrequestSurfacesItsErrorCodeAsTheRootFailure() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).willReturn(okJson("{\"compositeResponse\":["
				+ "{\"body\":[{\"errorCode\":\"PROCESSING_HALTED\",\"message\":\"The transaction was rolled back\"}],"
				+ "\"httpHeaders\":{},\"httpStatusCode\":400,\"referenceId\":\"account\"},"
				+ "{\"body\":[{\"message\":\"No such column 'Clickwrap_Version__c' on sobject of type Contact\","
				+ "\"errorCode\":\"INVALID_FIELD\",\"fields\":[\"Clickwrap_Version__c\"]}],"
				+ "\"httpHeaders\":{},\"httpStatusCode\":400,\"referenceId\":\"contact\"}]}")));

		CompositeResponse response = wiring().client().composite(UPSERT_CONTACT);

		assertThat(response.isSuccess()).isFalse();
		CompositeSubresponse cause = response.rootFailure().orElseThrow();
		assertThat(cause.referenceId()).isEqualTo("contact");
		assertThat(cause.error().errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(cause.error().fields()).containsExactly("Clickwrap_Version__c");
		assertThat(cause.failureKind()).isEqualTo(FailureKind.PERMANENT);
		assertThat(response.failures()).hasSize(2);
	}

	@Test
	void aSubrequestMatchingSeveralRecordsIsPermanent() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(okJson("{\"compositeResponse\":[" + "{\"body\":[\"/services/data/v66.0/sobjects/Contact/003A\","
					+ "\"/services/data/v66.0/sobjects/Contact/003B\"],"
					+ "\"httpHeaders\":{},\"httpStatusCode\":300,\"referenceId\":\"contact\"}]}")));

		CompositeSubresponse contact = wiring().client().composite(UPSERT_CONTACT).find("contact").orElseThrow();

		assertThat(contact.isSuccess()).isFalse();
		assertThat(contact.failureKind()).isEqualTo(FailureKind.PERMANENT);
		assertThat(contact.error().message()).contains("2 matches");
	}

	@Test
	void serviceUnavailableIsTransient() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(503, "SERVER_UNAVAILABLE")));
		SalesforceStubs.Wiring wiring = wiring();

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> wiring.client().composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(503));
		assertThat(wiring.calls("composite", "transient")).isEqualTo(1);
	}

	@Test
	void aServiceUnavailableReplyWithoutABodyIsTransient() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> wiring().client().composite(UPSERT_CONTACT));
	}

	@Test
	void aReplyThatIsNotJsonIsTransientAndNotQuoted() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>maintenance for jane@acme.example</html>")));

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> wiring().client().composite(UPSERT_CONTACT))
			.withMessageNotContaining("jane@acme.example")
			.withNoCause();
	}

	@Test
	void aLockedRowAtCallLevelIsTransient() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(400, "UNABLE_TO_LOCK_ROW")));

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> wiring().client().composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("UNABLE_TO_LOCK_ROW"));
	}

	@Test
	void aSpentApiAllowanceIsALimitFailure() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(403, "REQUEST_LIMIT_EXCEEDED")));
		SalesforceStubs.Wiring wiring = wiring();

		assertThatExceptionOfType(SalesforceLimitException.class)
			.isThrownBy(() -> wiring.client().composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("REQUEST_LIMIT_EXCEEDED"));
		assertThat(wiring.calls("composite", "throttled")).isEqualTo(1);
	}

	@Test
	void anInvalidFieldIsPermanentAndCarriesCodeAndMessage() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(400, "INVALID_FIELD")));
		SalesforceStubs.Wiring wiring = wiring();

		assertThatExceptionOfType(PermanentSalesforceException.class)
			.isThrownBy(() -> wiring.client().composite(UPSERT_CONTACT))
			.withMessageContaining("INVALID_FIELD happened")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("INVALID_FIELD"))
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(400));
		assertThat(wiring.calls("composite", "permanent")).isEqualTo(1);
	}

	@Test
	void aMissingResourceIsPermanent() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(404, "NOT_FOUND")));

		assertThatExceptionOfType(PermanentSalesforceException.class)
			.isThrownBy(() -> wiring().client().composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isEqualTo(404));
	}

	@Test
	void aSalesforceSlowerThanTheReadTimeoutFailsTransientlyWithinBoundedTime() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(okJson("{\"compositeResponse\":[]}").withFixedDelay(3000)));
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring
			.of(SalesforceStubs.clientCredentials(salesforce, "read-timeout", "500ms"));
		wiring.authenticator().session();

		long started = System.nanoTime();
		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> wiring.client().composite(UPSERT_CONTACT))
			.withMessageContaining("timed out");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
	}

	@Test
	void concurrentCallsRejectedForAnExpiredSessionRenewItOnceAndReplay() throws Exception {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(SalesforceStubs.tokenReply(salesforce, "expired"))
			.willSetStateTo("renewed"));
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.TOKEN_PATH)).inScenario("token")
			.whenScenarioStateIs("renewed")
			.willReturn(SalesforceStubs.tokenReply(salesforce, "fresh")));
		salesforce.stubFor(
				post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).withHeader("Authorization", equalTo("Bearer expired"))
					.willReturn(SalesforceStubs.errorReply(401, "INVALID_SESSION_ID").withFixedDelay(200)));
		salesforce.stubFor(
				post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)).withHeader("Authorization", equalTo("Bearer fresh"))
					.willReturn(okJson("{\"compositeResponse\":[{\"body\":{\"id\":\"003A\",\"success\":true},"
							+ "\"httpStatusCode\":200,\"referenceId\":\"contact\"}]}")));
		SalesforceStubs.Wiring wiring = wiring();
		wiring.authenticator().session();

		int threads = 20;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		List<Future<CompositeResponse>> results = new ArrayList<>();
		try {
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return wiring.client().composite(UPSERT_CONTACT);
				}));
			}
			start.countDown();
			for (Future<CompositeResponse> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).isSuccess()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}

		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH)))).hasSize(2);
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.withHeader("Authorization", equalTo("Bearer expired")))).hasSize(threads);
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.withHeader("Authorization", equalTo("Bearer fresh")))).hasSize(threads);
		assertThat(wiring.calls("composite", "success")).isEqualTo(threads);
	}

	@Test
	void aFreshTokenRejectedAgainIsAnAuthenticationFailure() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.COMPOSITE_PATH))
			.willReturn(SalesforceStubs.errorReply(401, "INVALID_SESSION_ID")));

		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> wiring().client().composite(UPSERT_CONTACT))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("INVALID_SESSION_ID"));
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.COMPOSITE_PATH)))).hasSize(2);
	}

	@Test
	void acceptsCallsUnlessTheCircuitBreakerIsOpen() {
		SalesforceStubs.Wiring wiring = wiring();
		assertThat(wiring.client().isAcceptingCalls()).isTrue();

		wiring.circuitBreakers().circuitBreaker(SalesforceClient.RESILIENCE).transitionToOpenState();

		assertThat(wiring.client().isAcceptingCalls()).isFalse();
	}

	private static SalesforceStubs.Wiring wiring() {
		return SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));
	}

}
