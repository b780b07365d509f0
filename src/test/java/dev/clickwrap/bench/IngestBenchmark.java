package dev.clickwrap.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.util.FileSystemUtils;

/**
 * Measures the relay's webhook ingest beside a bare Spring MVC endpoint, on loopback,
 * each service in its own JVM with the container's settings: the highest sustained rate
 * of durably acknowledged agreements at a fixed number of connections, the latency at a
 * fixed 1,000 requests per second, the time from process start to readiness and the
 * resident memory idle and under load. Run it with {@code bench/run.sh}; arguments are
 * {@code name=value} pairs, see {@link Settings}.
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
		System.out.printf(Locale.ROOT,
				"ingest benchmark: warm-up %ds, closed loop %ds at %d connections, open loop "
						+ "%d req/s for %ds; load average before: %s%n",
				settings.warmup().toSeconds(), settings.duration().toSeconds(), settings.connections(), settings.rate(),
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
		List<String> arguments = relayArguments("--relay.data-dir=" + dataDirectory);
		Measurement measurement = measure("h2", relayLaunch(), arguments);
		String url = "jdbc:h2:file:" + dataDirectory + "/relay;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		try (Connection connection = DriverManager.getConnection(url, "relay", "")) {
			checkStored(measurement, connection);
		}
		FileSystemUtils.deleteRecursively(dataDirectory);
	}

	private void relayOnPostgres() throws Exception {
		// fsync and synchronous_commit on, as in production: the embedded server's
		// default skips the WAL flush
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("fsync", "on")
			.start()) {
			List<String> arguments = relayArguments(
					"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
					"--spring.datasource.username=postgres", "--spring.datasource.password=");
			ProcessHandle server = postmaster(postgres.getPostgresDatabase());
			Measurement measurement = measure("postgres", relayLaunch(), arguments,
					() -> ServiceProcess.cpuTimeOf(server));
			try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
				checkStored(measurement, connection);
			}
		}
	}

	/**
	 * The PostgreSQL server process: the parent of the backend that serves a connection.
	 */
	private static ProcessHandle postmaster(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet backend = statement.executeQuery("select pg_backend_pid()")) {
			backend.next();
			return ProcessHandle.of(backend.getLong(1))
				.flatMap(ProcessHandle::parent)
				.orElseThrow(() -> new IllegalStateException("The PostgreSQL server process was not found"));
		}
	}

	private List<String> relayLaunch() throws IOException {
		return List.of("-jar", this.settings.jar().isEmpty() ? packagedJar().toString() : this.settings.jar());
	}

	/**
	 * Arguments of every relay run: the token, and delivery polling put off, because
	 * without Salesforce settings it would log a dry run of the stored events, work that
	 * production does not do and that belongs to the delivery benchmark.
	 */
	private static List<String> relayArguments(String... more) {
		List<String> arguments = new ArrayList<>(
				List.of("--relay.ingest.tokens=" + TOKEN, "--relay.delivery.poll-interval=1h"));
		arguments.addAll(List.of(more));
		return arguments;
	}

	private Measurement measure(String name, List<String> launch, List<String> arguments) throws Exception {
		return measure(name, launch, arguments, () -> Duration.ZERO);
	}

	/**
	 * Starts one service, loads it and stops it.
	 * @param databaseCpu the processor time used so far by a database server outside the
	 * service, if any
	 */
	private Measurement measure(String name, List<String> launch, List<String> arguments,
			Supplier<Duration> databaseCpu) throws Exception {
		System.out.printf("%n[%s] starting; load average %s%n", name, loadAverage());
		List<String> jvm = new ArrayList<>(this.settings.jvmOptions());
		jvm.addAll(launch);
		try (ServiceProcess service = ServiceProcess.start(name, this.settings.logDirectory(), jvm, arguments)) {
			System.out.printf(Locale.ROOT, "[%s] ready after %.2f s, %.2f s of processor time%n", name,
					seconds(service.timeToReady()), seconds(service.cpuToReady()));
			Thread.sleep(2_000);
			double idle = service.residentMiB();
			LoadGenerator load = new LoadGenerator(service.port(), (sequence) -> agreement(service.port(), sequence),
					202);
			Run[] runs = new Run[3];
			double highest = service.highestResidentMiBDuring(() -> {
				runs[0] = run(name, "warm-up", service, databaseCpu,
						() -> load.closedLoop(this.settings.connections(), this.settings.warmup(), 0));
				runs[1] = run(name, "sustained", service, databaseCpu,
						() -> load.closedLoop(this.settings.connections(), this.settings.duration(), 100_000_000L));
				runs[2] = run(name, "fixed", service, databaseCpu, () -> load.openLoop(this.settings.rate(),
						this.settings.rateDuration(), this.settings.openConnections(), 200_000_000L));
			});
			eventsPerTransaction(service.port()).ifPresent((mean) -> System.out.printf(Locale.ROOT,
					"[%s] %.1f events per transaction, averaged over the three runs%n", name, mean));
			Measurement measurement = new Measurement(name, service.timeToReady(), service.cpuToReady(), idle, highest,
					service.peakResidentMiB(), runs[0], runs[1], runs[2], loadAverage());
			System.out.printf(Locale.ROOT,
					"[%s] resident memory: idle %.0f MiB, highest sampled under load %.0f MiB, "
							+ "peak (VmHWM) %.0f MiB; load average %s%n",
					name, idle, highest, measurement.peakMiB(), measurement.loadAverage());
			this.measurements.put(name, measurement);
			return measurement;
		}
	}

	private static Run run(String name, String phase, ServiceProcess service, Supplier<Duration> databaseCpu, Load load)
			throws Exception {
		Duration serviceBefore = service.cpuTime();
		Duration databaseBefore = databaseCpu.get();
		LoadGenerator.Result result = load.run();
		long answered = Math.max(1, result.requests() - result.errors());
		double serviceCpu = seconds(service.cpuTime().minus(serviceBefore)) * 1e3 / answered;
		double databaseCpuPerRequest = seconds(databaseCpu.get().minus(databaseBefore)) * 1e3 / answered;
		System.out.printf(Locale.ROOT, "[%s] %-9s %s; processor time per request: service %.2f ms, database %.2f ms%n",
				name, phase, result.describe(), serviceCpu, databaseCpuPerRequest);
		return new Run(result, serviceCpu, databaseCpuPerRequest);
	}

	/** The mean of the relay's group-commit metric, when the relay has it. */
	private static Optional<Double> eventsPerTransaction(int port) throws IOException, InterruptedException {
		HttpResponse<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
		Matcher count = Pattern.compile("(?m)^relay_store_events_per_transaction_count\\{[^}]*} (\\S+)$")
			.matcher(scrape.body());
		Matcher sum = Pattern.compile("(?m)^relay_store_events_per_transaction_sum\\{[^}]*} (\\S+)$")
			.matcher(scrape.body());
		if (scrape.statusCode() != 200 || !count.find() || !sum.find()) {
			return Optional.empty();
		}
		return Optional.of(Double.parseDouble(sum.group(1)) / Double.parseDouble(count.group(1)));
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
		System.out.println("| target | ready (CPU) | RSS idle | RSS under load | sustained rate | p50 | p99 "
				+ "| CPU/request service + database | p99 at " + this.settings.rate() + " req/s | errors |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|");
		for (Measurement m : this.measurements.values()) {
			LoadGenerator.Result sustained = m.sustained().result();
			System.out.printf(Locale.ROOT,
					"| %s | %.2f s (%.1f s) | %.0f MiB | %.0f MiB | %,.0f req/s | %.2f ms "
							+ "| %.2f ms | %.2f + %.2f ms | %.2f ms | %d |%n",
					m.name(), seconds(m.timeToReady()), seconds(m.cpuToReady()), m.idleMiB(), m.peakMiB(),
					sustained.ratePerSecond(), sustained.latencies().percentileMillis(50),
					sustained.latencies().percentileMillis(99), m.sustained().serviceCpuMillis(),
					m.sustained().databaseCpuMillis(), m.fixedRate().result().latencies().percentileMillis(99),
					m.errors());
		}
		System.out.println();
		Measurement bare = this.measurements.get("bare");
		for (Measurement m : this.measurements.values()) {
			if (m.name().equals("bare")) {
				continue;
			}
			if (bare != null) {
				double share = m.sustained().result().ratePerSecond() / bare.sustained().result().ratePerSecond();
				goal(m.name() + ": durable rate / bare rate", ">= 30 %", percent(share), share >= MIN_SHARE_OF_BARE);
				double cpuShare = bare.sustained().totalCpuMillis() / m.sustained().totalCpuMillis();
				goal(m.name() + ": same, from CPU per request", ">= 30 %", percent(cpuShare),
						cpuShare >= MIN_SHARE_OF_BARE);
			}
			LoadGenerator.Result fixed = m.fixedRate().result();
			double p99 = fixed.latencies().percentileMillis(99);
			goal(m.name() + ": p99 at " + this.settings.rate() + " req/s", "< 50 ms", millis(p99),
					p99 < MAX_P99_MILLIS_AT_FIXED_RATE && fixed.errors() == 0);
			double ready = seconds(m.timeToReady());
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

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
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
	record Measurement(String name, Duration timeToReady, Duration cpuToReady, double idleMiB, double highestMiB,
			double peakMiB, Run warmUp, Run sustained, Run fixedRate, String loadAverage) {

		long acknowledged() {
			return Stream.of(this.warmUp, this.sustained, this.fixedRate)
				.mapToLong((run) -> run.result().requests() - run.result().errors())
				.sum();
		}

		long errors() {
			return Stream.of(this.warmUp, this.sustained, this.fixedRate)
				.mapToLong((run) -> run.result().errors())
				.sum();
		}

	}

	/**
	 * One load run and the processor time it cost per answered request.
	 *
	 * @param result what the load generator measured
	 * @param serviceCpuMillis processor time of the service's JVM per request
	 * @param databaseCpuMillis processor time of an external database server per request
	 */
	record Run(LoadGenerator.Result result, double serviceCpuMillis, double databaseCpuMillis) {

		double totalCpuMillis() {
			return this.serviceCpuMillis + this.databaseCpuMillis;
		}

	}

	@FunctionalInterface
	private interface Load {

		LoadGenerator.Result run() throws Exception;

	}

	/**
	 * How the benchmark runs.
	 *
	 * @param targets which services to measure, in order: {@code bare}, {@code h2},
	 * {@code postgres}
	 * @param connections connections of the closed-loop runs
	 * @param warmup closed-loop warm-up before measuring, so that the JIT compiler has
	 * done its work
	 * @param duration the measured closed-loop run
	 * @param rate requests per second of the open-loop run
	 * @param rateDuration how long the open-loop run lasts
	 * @param openConnections how many requests the open-loop run may have in flight
	 * @param logDirectory where each service's output goes
	 * @param jvmOptions more JVM options for the services, after the container's, e.g. to
	 * profile them
	 * @param jar the relay's jar, or empty for the one under {@code target/}, e.g. to
	 * compare two builds
	 */
	record Settings(List<String> targets, int connections, Duration warmup, Duration duration, int rate,
			Duration rateDuration, int openConnections, Path logDirectory, List<String> jvmOptions, String jar) {

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
			values.put("jvm-options", "");
			values.put("jar", "");
			for (String arg : args) {
				String[] pair = arg.split("=", 2);
				if (pair.length != 2 || !values.containsKey(pair[0])) {
					throw new IllegalArgumentException("Unknown argument '" + arg + "'; known: " + values.keySet());
				}
				values.put(pair[0], pair[1]);
			}
			return new Settings(new ArrayList<>(List.of(values.get("targets").split(","))),
					Integer.parseInt(values.get("connections")), parseSeconds(values.get("warmup")),
					parseSeconds(values.get("duration")), Integer.parseInt(values.get("rate")),
					parseSeconds(values.get("rate-duration")), Integer.parseInt(values.get("open-connections")),
					Path.of(values.get("logs")),
					List.of(values.get("jvm-options").split(" ")).stream().filter((o) -> !o.isBlank()).toList(),
					values.get("jar"));
		}

		private static Duration parseSeconds(String value) {
			return Duration.ofSeconds(Long.parseLong(value));
		}

	}

}
