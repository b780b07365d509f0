package dev.clickwrap.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.clickwrap.relay.testsupport.FakeSalesforce;
import dev.clickwrap.relay.testsupport.RelayProcess;

/**
 * Measures delivery to Salesforce, beside {@link IngestBenchmark}: the packaged relay
 * writes to a fake org (WireMock on loopback) that answers every composite call after 100
 * ms, as a real org roughly does.
 * <ul>
 * <li>trickle: agreements arriving one at a time, each waited for until delivered; API
 * calls per event and the time from acknowledgement to delivery;</li>
 * <li>backlog: agreements stored while no Salesforce credentials are configured, then
 * drained after a restart with credentials; events per second and API calls per
 * event.</li>
 * </ul>
 * Every run has a fixed number of events and a time limit, and every process it starts is
 * stopped at the end.
 */
public final class DeliveryBenchmark {

	private static final String TOKEN = "bench-token";

	private static final Duration SALESFORCE_LATENCY = Duration.ofMillis(100);

	private static final Pattern DELIVERED = Pattern
		.compile("relay_delivery_attempts_total\\{[^}]*outcome=\"delivered\"[^}]*} ([0-9.E]+)");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final FakeSalesforce salesforce = new FakeSalesforce();

	private final Path work;

	private DeliveryBenchmark(Path work) {
		this.work = work;
		this.salesforce.delayCalls(SALESFORCE_LATENCY);
	}

	public static void main(String[] args) throws Exception {
		int trickle = intArgument(args, "trickle-events", 30);
		int backlog = intArgument(args, "backlog-events", 2000);
		Path work = Files.createTempDirectory("relay-delivery-bench");
		DeliveryBenchmark benchmark = new DeliveryBenchmark(work);
		try {
			benchmark.trickle(trickle);
			benchmark.backlog(backlog);
		}
		finally {
			benchmark.salesforce.stop();
		}
	}

	private void trickle(int events) throws Exception {
		List<Long> latencies = new ArrayList<>();
		try (RelayProcess relay = start("trickle", true)) {
			for (int i = 0; i < events; i++) {
				long sent = System.nanoTime();
				post(relay, i);
				awaitDelivered(relay, i + 1, Duration.ofSeconds(30));
				latencies.add(System.nanoTime() - sent);
			}
		}
		latencies.sort(null);
		double callsPerEvent = (double) this.salesforce.compositeCalls() / events;
		System.out.printf(Locale.ROOT,
				"delivery trickle: %d events one at a time, %.2f API calls per event (goal: exactly 1), "
						+ "acknowledgement to delivery p50 %.0f ms, max %.0f ms (Salesforce answers after %d ms)%n",
				events, callsPerEvent, millis(latencies.get(latencies.size() / 2)),
				millis(latencies.get(latencies.size() - 1)), SALESFORCE_LATENCY.toMillis());
	}

	private void backlog(int events) throws Exception {
		try (RelayProcess dryRun = start("backlog", false)) {
			ExecutorService senders = Executors.newFixedThreadPool(8);
			List<Future<?>> sent = new ArrayList<>();
			for (int i = 0; i < events; i++) {
				int number = 100_000 + i;
				sent.add(senders.submit(() -> post(dryRun, number)));
			}
			for (Future<?> future : sent) {
				future.get();
			}
			senders.shutdown();
		}
		int callsBefore = this.salesforce.compositeCalls();
		long started = System.nanoTime();
		try (RelayProcess relay = start("backlog", true)) {
			long ready = System.nanoTime();
			awaitDelivered(relay, events, Duration.ofMinutes(5));
			long drained = System.nanoTime();
			int calls = this.salesforce.compositeCalls() - callsBefore;
			double seconds = (drained - ready) / 1e9;
			System.out.printf(Locale.ROOT,
					"delivery backlog: %d events drained in %.1f s after start-up (%.1f s with start-up), "
							+ "%.0f events/s (goal: at least 200), %d API calls, %.4f calls per event "
							+ "(goal: at most 0.02)%n",
					events, seconds, (drained - started) / 1e9, events / seconds, calls, (double) calls / events);
		}
	}

	private RelayProcess start(String name, boolean withSalesforce) throws Exception {
		List<String> arguments = new ArrayList<>(
				List.of("--relay.ingest.tokens=" + TOKEN, "--relay.data-dir=" + this.work.resolve(name),
						"--relay.delivery.metrics-interval=200ms", "--relay.salesforce.limits-poll-interval=0"));
		if (withSalesforce) {
			arguments.addAll(List.of("--relay.salesforce.login-url=" + this.salesforce.baseUrl(),
					"--relay.salesforce.client-id=bench", "--relay.salesforce.client-secret=bench"));
		}
		return RelayProcess.start(this.work.resolve(name + ".log"), arguments.toArray(String[]::new));
	}

	private Void post(RelayProcess relay, int number) throws Exception {
		String body = """
				{"type":"webhook","site":42,"event_type":"activity_agreed","description":"someone agreed",\
				"custom_data":{"first_name":"Ada","last_name":"Lovelace","opportunity_id":"006%012dAAA",\
				"account_id":"001%012dAAA"},"created_time":"2026-05-01T10:00:00.000Z","group":3,"contract":7,\
				"version":"v1","activity":"delivery-%d","signer_id":"signer-%d","id":"n-%d"}""".formatted(number,
				number % 100, number, number, number);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(relay.uri("/webhooks/clickwrap"))
			.header("Content-Type", "application/json")
			.header("Pactsafe-Webhook-Token", TOKEN)
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException("Webhook " + number + " answered " + response.statusCode());
		}
		return null;
	}

	private void awaitDelivered(RelayProcess relay, int events, Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (delivered(relay.uri("/actuator/prometheus")) < events) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Fewer than " + events + " events delivered within " + limit);
			}
			Thread.sleep(5);
		}
	}

	private double delivered(URI prometheus) throws Exception {
		String scrape = this.http.send(HttpRequest.newBuilder(prometheus).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher matcher = DELIVERED.matcher(scrape);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	private static int intArgument(String[] args, String name, int fallback) {
		for (String arg : args) {
			if (arg.startsWith(name + "=")) {
				return Integer.parseInt(arg.substring(name.length() + 1));
			}
		}
		return fallback;
	}

}
