package dev.clickwrap.relay.ingest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.clickwrap.relay.testsupport.RelayProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged relay with SIGKILL while webhooks are arriving and checks, after a
 * restart, that every webhook it had acknowledged is still stored under the same relay
 * id.
 */
class CrashRecoveryIT {

	private static final int SENDERS = 4;

	private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 300;

	private static final String TOKEN = "crash-token";

	@TempDir
	Path workDirectory;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyAcknowledgedWebhookSurvivesASigkill() throws Exception {
		Path log = this.workDirectory.resolve("relay.log");
		String[] arguments = { "--relay.ingest.tokens=" + TOKEN, "--relay.data-dir=" + this.workDirectory };
		Map<String, String> acknowledged = new ConcurrentHashMap<>();

		try (RelayProcess relay = RelayProcess.start(log, arguments)) {
			sendUntilKilled(relay, acknowledged);
		}

		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGEMENTS_BEFORE_KILL);
		try (RelayProcess restarted = RelayProcess.start(log, arguments)) {
			for (Map.Entry<String, String> entry : acknowledged.entrySet()) {
				HttpResponse<String> again = send(restarted, entry.getKey());
				assertThat(again.statusCode()).isEqualTo(202);
				assertThat(again.body()).contains("\"outcome\":\"duplicate\"")
					.contains("\"relayId\":\"" + entry.getValue() + "\"");
			}
		}
		System.out.printf("crash recovery: %d webhooks acknowledged before SIGKILL, %d found after restart%n",
				acknowledged.size(), acknowledged.size());
	}

	private void sendUntilKilled(RelayProcess relay, Map<String, String> acknowledged) throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
		for (int i = 0; i < SENDERS; i++) {
			senders.submit(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					String activity = "crash-" + next.incrementAndGet();
					try {
						HttpResponse<String> response = send(relay, activity);
						if (response.statusCode() == 202) {
							acknowledged.put(activity, relayId(response.body()));
						}
					}
					catch (Exception ex) {
						return;
					}
				}
				return;
			});
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (acknowledged.size() < ACKNOWLEDGEMENTS_BEFORE_KILL && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		relay.kill();
		senders.shutdownNow();
		assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
	}

	private HttpResponse<String> send(RelayProcess relay, String activity) throws Exception {
		return this.http.send(HttpRequest.newBuilder(relay.uri("/webhooks/clickwrap"))
			.header("Content-Type", "application/json")
			.header(WebhookController.TOKEN_HEADER, TOKEN)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(WebhookControllerTests.agreed(activity, "n-" + activity)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String relayId(String body) {
		return body.replaceAll(".*\"relayId\":\"([^\"]+)\".*", "$1");
	}

}
