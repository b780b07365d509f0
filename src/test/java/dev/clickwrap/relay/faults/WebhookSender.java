package dev.clickwrap.relay.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts webhooks the way Clickwrap does, with the shared secret, and reads the relay's
 * answer.
 */
final class WebhookSender {

	static final String TOKEN_HEADER = "Pactsafe-Webhook-Token";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String token;

	WebhookSender(String token) {
		this.token = token;
	}

	Answer send(URI endpoint, String body) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(endpoint)
			.header("Content-Type", "application/json")
			.header(TOKEN_HEADER, this.token)
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), field(response.body(), "relayId"), field(response.body(), "outcome"),
				response.headers().firstValue("Retry-After").orElse(null));
	}

	String get(URI uri) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String field(String body, String name) {
		String marker = "\"" + name + "\":\"";
		int start = body.indexOf(marker);
		if (start < 0) {
			return null;
		}
		start += marker.length();
		return body.substring(start, body.indexOf('"', start));
	}

	/**
	 * The relay's answer to one webhook.
	 *
	 * @param status the HTTP status
	 * @param relayId the relay's id of the stored event, when the body names one
	 * @param outcome {@code queued}, {@code duplicate} or {@code ignored} for a 202
	 * @param retryAfter the {@code Retry-After} header, if any
	 */
	record Answer(int status, String relayId, String outcome, String retryAfter) {

		boolean acknowledged() {
			return this.status == 202;
		}

	}

}
