package dev.clickwrap.relay.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.testsupport.RestartablePostgres;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay on a real PostgreSQL server that goes away and comes back while the relay
 * keeps running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StorageOutageTests {

	private static RestartablePostgres postgres;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
	void whileStorageIsDownWebhooksGet503WithRetryAfterAndServiceRecoversByItself() throws Exception {
		assertThat(post("before-outage").statusCode()).isEqualTo(202);

		postgres.stop();

		HttpResponse<String> duringOutage = post("during-outage");
		assertThat(duringOutage.statusCode()).isEqualTo(503);
		assertThat(duringOutage.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(duringOutage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);

		postgres.restart();

		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> post("after-outage").statusCode() == 202);
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		List<String> stored = JdbcClient.create(postgres.dataSource())
			.sql("select notification_id from clickwrap_event order by received_at")
			.query(String.class)
			.list();
		assertThat(stored).containsExactly("n-before-outage", "n-after-outage");
	}

	private HttpResponse<String> post(String activity) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/webhooks/clickwrap"))
			.header("Content-Type", "application/json")
			.header(WebhookController.TOKEN_HEADER, "test-token")
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.ofString(WebhookControllerTests.agreed(activity, "n-" + activity)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
