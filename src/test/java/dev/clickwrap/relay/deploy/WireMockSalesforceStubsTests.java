package dev.clickwrap.relay.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stub files that stand in for Salesforce in docker-compose must answer like
 * Salesforce does, so that a relay run against them takes its success path.
 */
class WireMockSalesforceStubsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final ObjectMapper json = new ObjectMapper();

	private WireMockServer salesforce;

	@BeforeEach
	void startWireMockWithTheComposeStubs() {
		this.salesforce = new WireMockServer(
				options().bindAddress("127.0.0.1").dynamicPort().usingFilesUnderDirectory("deploy/wiremock"));
		this.salesforce.start();
	}

	@AfterEach
	void stopWireMock() {
		this.salesforce.stop();
	}

	@Test
	void tokenEndpointGrantsABearerTokenForTheWireMockInstance() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/services/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString("grant_type=client_credentials&client_id=compose" + "&client_secret=compose")));

		JsonNode token = this.json.readTree(response.body());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(token.path("access_token").asText()).isNotBlank();
		assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
		assertThat(token.path("instance_url").asText()).isEqualTo("http://wiremock:8080");
		assertThat(token.path("issued_at").asText()).containsOnlyDigits();
	}

	@Test
	void compositeAnswersEverySubrequestWithSuccessAndOneResultPerCollectionRecord() throws Exception {
		String composite = """
				{"allOrNone":true,"compositeRequest":[
				 {"method":"PATCH","referenceId":"contacts",
				  "url":"/services/data/v66.0/composite/sobjects/Contact/Clickwrap_Key__c",
				  "body":{"allOrNone":false,"records":[
				   {"attributes":{"type":"Contact"},"Clickwrap_Key__c":"a"},
				   {"attributes":{"type":"Contact"},"Clickwrap_Key__c":"b"}]}},
				 {"method":"PATCH","referenceId":"opportunity",
				  "url":"/services/data/v66.0/sobjects/Opportunity/006000000000001AAA",
				  "body":{"Clickwrap_Agreed__c":true}}]}
				""";

		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/services/data/v66.0/composite"))
			.header("Authorization", "Bearer local")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(composite)));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode results = this.json.readTree(response.body()).path("compositeResponse");
		assertThat(results).map((result) -> result.path("referenceId").asText())
			.containsExactly("contacts", "opportunity");
		assertThat(results).allSatisfy((result) -> assertThat(result.path("httpStatusCode").asInt()).isEqualTo(200));
		JsonNode contacts = results.get(0).path("body");
		assertThat(contacts).hasSize(2).allSatisfy((record) -> {
			assertThat(record.path("id").asText()).startsWith("003").hasSize(18);
			assertThat(record.path("success").asBoolean()).isTrue();
			assertThat(record.path("errors")).isEmpty();
		});
		JsonNode opportunity = results.get(1).path("body");
		assertThat(opportunity.path("id").asText()).startsWith("006");
		assertThat(opportunity.path("success").asBoolean()).isTrue();
	}

	@Test
	void compositeWithoutABearerTokenIsNotAnswered() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/services/data/v66.0/composite"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"compositeRequest\":[]}")));

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void limitsReportTheDailyApiAllowance() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/services/data/v66.0/limits")).GET());

		JsonNode daily = this.json.readTree(response.body()).path("DailyApiRequests");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(daily.path("Max").asInt()).isPositive();
		assertThat(daily.path("Remaining").asInt()).isBetween(0, daily.path("Max").asInt());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.salesforce.port() + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
	}

}
