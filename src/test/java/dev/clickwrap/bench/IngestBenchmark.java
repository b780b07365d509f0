package dev.clickwrap.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Measures the relay's webhook ingest beside a bare Spring MVC endpoint, on loopback, each service in its own JVM
 * with the container's settings: the highest sustained rate of durably acknowledged agreements at a fixed number of
 * connections, the latency at a fixed 1,000 requests per second, the time from process start to readiness and the
 * resident memory idle and under load. Run it with {@code bench/run.sh}; arguments are {@code name=value} pairs,
 * see {@link Settings}.
 */
public final class IngestBenchmark {

	static final String TOKEN = "bench-token";

	/** Goals the figures are checked against. */
	static final double MIN_SHARE_OF_BARE = 0.30;

	static final double MAX_P99_MILLIS_AT_FIXED_RATE = 50;

	static final double MAX_SECONDS_TO_READY = 6;

	static final double MAX_RESIDENT_MIB_UNDER_LOAD = 350;

	private final Settings settings;

	private final Map<String, Measurement> measurements = new LinkedHashMap<>();

	private IngestBenchmark(Settings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		Settings settings = Settings.parse(args);
		IngestBenchmark benchmark = new IngestBenchmark(settings);
		System.out.printf(Locale.ROOT, "ingest benchmark: warm-up %ds, closed loop %ds at %d connections, open loop "
				+ "%d req/s for %ds; load average before: %s%n", settings.warmup().toSeconds(),
				settings.duration().toSeconds(), settings.connections(), settings.rate(),
				settings.rateDuration().toSeconds(), loadAverage());
		for (String target : settings.targets()) {
			switch (target) {
				case "bare" -> benchmark.bare();
				case "h2" -> benchmark.relayOnH2();
				case "postgres" -> benchmark.relayOnPostgres();
				default -> throw new IllegalArgumentException("Unknown target '" + target + "'");
			}
		}
		benchmark.printSummary();
		System.out.println("load average after: " + loadAverage());
	}

	private void bare() throws Exception {
		List<String> launch = List.of("-cp", System.getProperty("java.class.path"),
				BareIngestApplication.class.getName());
		measure("bare", launch, List.of("--management.endpoint.health.probes.enabled=true"));
	}

	private void relayOnH2() throws Exception {
		Path dataDirectory = Files.createTempDirectory("relay-bench-h2");
		List<String> arguments = List.of("--relay.ingest.tokens=" + TOKEN, "--relay.data-dir=" + dataDirectory);
		Measurement measurement = measure("h2", relayLaunch(), arguments);
		String url = "jdbc:h2:file:" + dataDirectory + "/relay;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (Connection connection = DriverManager.getConnection(url, "relay", "")) {
			checkStored(measurement, connection);
		}
	}

	private void relayOnPostgres() throws Exception {
		// fsync and synchronous_commit on, as in production: the embedded server's default skips the WAL flush
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.start()) {
			List<String> arguments = List.of("--relay.ingest.tokens=" + TOKEN,
					"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"--spring.datasource.username=postgres", "--spring.datasource.password=");
			Measurement measurement = measure("postgres", relayLaunch(), arguments);
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				checkStored(measurement, connection);
			}
		}
	}

	private List<String> relayLaunch() throws IOException {
		return List.of("-jar", packagedJar().toString());
	}

	private Measurement measure(String name, List<String> launch, List<String> arguments) throws Exception {
		System.out.printf("%n[%s] starting%n", name);
		try (ServiceProcess service = ServiceProcess.start(name, this.settings.logDirectory(), launch, arguments)) {
			System.out.printf(Locale.ROOT, "[%s] ready after %.2f s%n", name, service.timeToReady().toMillis() / 1e3);
			Thread.sleep(2_000);
			double idle = service.residentMiB();
			LoadGenerator load = new LoadGenerator(service.port(), (sequence) -> agreement(service.port(), sequence),
					202);
			LoadGenerator.Result[] results = new LoadGenerator.Result[3];
			double highest = service.highestResidentMiBDuring(() -> {
				results[0] = load.closedLoop(this.settings.connections(), this.settings.warmup(), 0);
				System.out.printf("[%s] warm-up   %s%n", name, results[0].describe());
				results[1] = load.closedLoop(this.settings.connections(), this.settings.duration(), 100_000_000L);
				System.out.printf("[%s] sustained %s%n", name, results[1].describe());
				results[2] = load.openLoop(this.settings.rate(), this.settings.rateDuration(),
						this.settings.openConnections(), 200_000_000L);
				System.out.printf("[%s] fixed     %s%n", name, results[2].describe());
			});
			Measurement measurement = new Measurement(name, service.timeToReady(), idle, highest,
					service.peakResidentMiB(), results[0], results[1], results[2]);
			System.out.printf(Locale.ROOT, "[%s] resident memory: idle %.0f MiB, highest sampled under load %.0f MiB, "
					+ "peak (VmHWM) %.0f MiB%n", name, idle, highest, measurement.peakMiB());
			this.measurements.put(name, measurement);
			return measurement;
		}
	}

	private static void checkStored(Measurement measurement, Connection connection) throws SQLException {
		long acknowledged = measurement.acknowledged();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select count(*) from clickwrap_event")) {
			rows.next();
			long stored = rows.getLong(1);
			System.out.printf("[%s] %,d rows stored for %,d webhooks acknowledged with 202: %s%n", measurement.name(),
					stored, acknowledged, (stored == acknowledged) ? "every one" : "MISMATCH");
		}
	}

	private void printSummary() {
		System.out.println();
		System.out.println("| target | ready | RSS idle | RSS under load (peak) | sustained rate | p50 | p99 "
				+ "| p99 at " + this.settings.rate() + " req/s | errors |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		for (Measurement m : this.measurements.values()) {
			System.out.printf(Locale.ROOT, "| %s | %.2f s | %.0f MiB | %.0f MiB (%.0f) | %,.0f req/s | %.2f ms "
					+ "| %.2f ms | %.2f ms | %d |%n", m.name(), m.timeToReady().toMillis() / 1e3, m.idleMiB(),
					m.highestMiB(), m.peakMiB(), m.sustained().ratePerSecond(),
					m.sustained().latencies().percentileMillis(50), m.sustained().latencies().percentileMillis(99),
					m.fixedRate().latencies().percentileMillis(99), m.errors());
		}
		System.out.println();
		Measurement bare = this.measurements.get("bare");
		for (Measurement m : this.measurements.values()) {
			if (m.name().equals("bare")) {
				continue;
			}
			if (bare != null) {
				double share = m.sustained().ratePerSecond() / bare.sustained().ratePerSecond();
				goal(m.name() + ": durable rate / bare rate", ">= 30 %", percent(share), share >= MIN_SHARE_OF_BARE);
			}
			double p99 = m.fixedRate().latencies().percentileMillis(99);
			goal(m.name() + ": p99 at " + this.settings.rate() + " req/s", "< 50 ms", millis(p99),
					p99 < MAX_P99_MILLIS_AT_FIXED_RATE && m.fixedRate().errors() == 0);
			double ready = m.timeToReady().toMillis() / 1e3;
			goal(m.name() + ": start to ready", "< 6 s", String.format(Locale.ROOT, "%.2f s", ready),
					ready < MAX_SECONDS_TO_READY);
			goal(m.name() + ": RSS under load", "< 350 MiB", String.format(Locale.ROOT, "%.0f MiB", m.peakMiB()),
					m.peakMiB() < MAX_RESIDENT_MIB_UNDER_LOAD);
		}
	}

	private static void goal(String what, String target, String measured, boolean met) {
		System.out.printf("goal %-40s %-10s measured %-12s %s%n", what, target, measured, met ? "met" : "MISSED");
	}

	private static String percent(double share) {
		return String.format(Locale.ROOT, "%.0f %%", share * 100);
	}

	private static String millis(double value) {
		return String.format(Locale.ROOT, "%.2f ms", value);
	}

	/** A realistic agreement, unique per sequence number so that none is a duplicate. */
	static byte[] agreement(int port, long sequence) {
		String body = """
				{"type":"webhook","sent_to":"http://127.0.0.1/webhooks/clickwrap","site":12345,"integration":"123",\
				"event_type":"activity_agreed","description":"a person agreed to Terms in Group Example",\
				"custom_data":{"first_name":"John","last_name":"Walker","company_name":"Sedona Networks",\
				"opportunity_id":"006000000000001AAA","account_id":"001000000000001AAA"},"deliverable":true,\
				"created_time":"2020-10-21T13:55:59.070Z","group":123,"contract":123,"version":"1234abcd",\
				"activity":"bench-%d","signer_id":"signer-%d","updated_time":"2020-10-21T13:55:59.150Z",\
				"id":"n-%d"}""".formatted(sequence, sequence, sequence);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String head = "POST /webhooks/clickwrap HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nContent-Type: application/json\r\nAccept: application/json\r\nPactsafe-Webhook-Token: " + TOKEN
				+ "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + bytes.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
		return request;
	}

	private static Path packagedJar() throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "clickwrap-relay-*.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		throw new IllegalStateException("No packaged jar under target/; run bench/run.sh");
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * What was measured on one service.
	 */
	record Measurement(String name, Duration timeToReady, double idleMiB, double highestMiB, double peakMiB,
			LoadGenerator.Result warmUp, LoadGenerator.Result sustained, LoadGenerator.Result fixedRate) {

		long acknowledged() {
			return (this.warmUp.requests() - this.warmUp.errors())
					+ (this.sustained.requests() - this.sustained.errors())
					+ (this.fixedRate.requests() - this.fixedRate.errors());
		}

		long errors() {
			return this.warmUp.errors() + this.sustained.errors() + this.fixedRate.errors();
		}

	}

	/**
	 * How the benchmark runs.
	 *
	 * @param targets which services to measure, in order: {@code bare}, {@code h2}, {@code postgres}
	 * @param connections connections of the closed-loop runs
	 * @param warmup closed-loop warm-up before measuring, so that the JIT compiler has done its work
	 * @param duration the measured closed-loop run
	 * @param rate requests per second of the open-loop run
	 * @param rateDuration how long the open-loop run lasts
	 * @param openConnections how many requests the open-loop run may have in flight
	 * @param logDirectory where each service's output goes
	 */
	record Settings(List<String> targets, int connections, Duration warmup, Duration duration, int rate,
			Duration rateDuration, int openConnections, Path logDirectory) {

		static Settings parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("targets", "bare,h2,postgres");
			values.put("connections", "16");
			values.put("warmup", "10");
			values.put("duration", "20");
			values.put("rate", "1000");
			values.put("rate-duration", "20");
			values.put("open-connections", "64");
			values.put("logs", "target/bench");
			for (String arg : args) {
				String[] pair = arg.split("=", 2);
				if (pair.length != 2 || !values.containsKey(pair[0])) {
					throw new IllegalArgumentException("Unknown argument '" + arg + "'; known: " + values.keySet());
				}
				values.put(pair[0], pair[1]);
			}
			return new Settings(new ArrayList<>(List.of(values.get("targets").split(","))),
					Integer.parseInt(values.get("connections")), seconds(values.get("warmup")),
					seconds(values.get("duration")), Integer.parseInt(values.get("rate")),
					seconds(values.get("rate-duration")), Integer.parseInt(values.get("open-connections")),
					Path.of(values.get("logs")));
		}

		private static Duration seconds(String value) {
			return Duration.ofSeconds(Long.parseLong(value));
		}

	}

}
