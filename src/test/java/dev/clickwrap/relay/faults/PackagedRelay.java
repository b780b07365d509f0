package dev.clickwrap.relay.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.clickwrap.relay.testsupport.FakeSalesforce;
import dev.clickwrap.relay.testsupport.RelayProcess;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Runs the packaged relay on its embedded H2 default against a fake Salesforce org, and
 * reads its database once it has stopped.
 */
final class PackagedRelay {

	static final String TOKEN = "fault-token";

	private PackagedRelay() {
	}

	/**
	 * The arguments of a relay that keeps its database in {@code dataDirectory} and
	 * delivers to {@code salesforce} every 100 ms, with the queue depth refreshed often
	 * enough to be waited on.
	 */
	static String[] arguments(Path dataDirectory, FakeSalesforce salesforce, String... extra) {
		List<String> arguments = new ArrayList<>(
				List.of("--relay.ingest.tokens=" + TOKEN, "--relay.data-dir=" + dataDirectory,
						"--relay.salesforce.login-url=" + salesforce.baseUrl(), "--relay.salesforce.client-id=relay",
						"--relay.salesforce.client-secret=secret", "--relay.salesforce.limits-poll-interval=0",
						"--relay.delivery.poll-interval=100ms", "--relay.delivery.metrics-interval=300ms"));
		arguments.addAll(List.of(extra));
		return arguments.toArray(String[]::new);
	}

	/**
	 * Where a scenario's relay writes its output; kept under {@code target/} for a failed
	 * run to be read.
	 */
	static Path logFile(String scenario) throws IOException {
		Path directory = Files.createDirectories(Path.of("target", "fault-suite"));
		Path log = directory.resolve(scenario + ".log");
		Files.deleteIfExists(log);
		return log;
	}

	/**
	 * The number of events waiting for delivery, as the relay last exported it.
	 * @return the {@code relay_delivery_waiting} gauge, or -1 when it cannot be read
	 */
	static double waiting(RelayProcess relay, WebhookSender sender) {
		try {
			String scrape = sender.get(relay.uri("/actuator/prometheus"));
			return scrape.lines()
				.filter((line) -> line.startsWith("relay_delivery_waiting{"))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.findFirst()
				.orElse(-1);
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Opens the embedded database of a relay that has stopped.
	 * @param dataDirectory the relay's {@code relay.data-dir}
	 * @return a data source of one connection; close it with
	 * {@link SingleConnectionDataSource#destroy()}
	 */
	static SingleConnectionDataSource openStore(Path dataDirectory) {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:file:" + dataDirectory
						+ "/relay;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"relay", "", true);
		dataSource.setDriverClassName("org.h2.Driver");
		return dataSource;
	}

}
