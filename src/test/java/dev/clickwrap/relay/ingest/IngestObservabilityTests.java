package dev.clickwrap.relay.ingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class IngestObservabilityTests {

	private static final String SIGNER_EMAIL = "jane.signer@example.com";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void acceptedEventIsLoggedOnceWithItsRelayIdAndWithoutPersonalData(CapturedOutput output) throws Exception {
		String body = agreedBy(SIGNER_EMAIL, "obs-1");

		HttpResponse<String> response = post(body, "test-token");

		String relayId = response.body().replaceAll(".*\"relayId\":\"([^\"]+)\".*", "$1");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(output.getOut().lines().filter((line) -> line.contains(relayId))).singleElement()
			.asString()
			.contains("INFO")
			.contains("activity_agreed");
		assertThat(output).doesNotContain(SIGNER_EMAIL).doesNotContain("test-token").doesNotContain("Jane");
	}

	@Test
	void prometheusCountsWebhooksByTypeAndOutcomeAndTimesThemWithoutPersonalData() throws Exception {
		post(agreedBy(SIGNER_EMAIL, "obs-2"), "test-token");
		post(agreedBy(SIGNER_EMAIL, "obs-2"), "test-token");
		post(agreedBy(SIGNER_EMAIL, "obs-3"), "wrong-token");
		post("{\"event_type\":\"" + SIGNER_EMAIL + "\"}", "test-token");

		String scrape = get("/actuator/prometheus").body();

		assertThat(scrape)
			.contains("relay_webhooks_received_total{application=\"clickwrap-relay\",event_type=\"activity_agreed\","
					+ "outcome=\"queued\",reason=\"none\"}")
			.contains("event_type=\"activity_agreed\",outcome=\"duplicate\",reason=\"none\"")
			.contains("event_type=\"unparsed\",outcome=\"rejected\",reason=\"unauthorized\"")
			.contains("event_type=\"other\",outcome=\"ignored\",reason=\"none\"")
			.contains("relay_webhooks_ingest_seconds_bucket{application=\"clickwrap-relay\",outcome=\"queued\",le=")
			.doesNotContain(SIGNER_EMAIL)
			.doesNotContain("wrong-token")
			.doesNotContain("test-token");
	}

	@Test
	void livenessAndReadinessGroupsAreUpWhileStorageIsUp() throws Exception {
		assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
		assertThat(this.jdbc.sql("select 1").query(Integer.class).single()).isEqualTo(1);
	}

	private HttpResponse<String> post(String body, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/webhooks/clickwrap"))
			.header("Content-Type", "application/json")
			.header(WebhookController.TOKEN_HEADER, token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static String agreedBy(String signer, String activity) {
		return WebhookControllerTests.agreed(activity, "n-" + activity)
			.replace("signer-42", signer)
			.replace("\"first_name\":\"John\"", "\"first_name\":\"Jane\"")
			.replace("someone agreed", signer + " agreed");
	}

}
