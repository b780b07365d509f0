package dev.clickwrap.relay.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server that a test can stop and start again on the same port and data
 * directory, so that a relay connected to it sees an outage and a recovery rather than a
 * new database.
 */
public final class RestartablePostgres implements AutoCloseable {

	private final int port;

	private final Path dataDirectory;

	private EmbeddedPostgres server;

	private RestartablePostgres(int port, Path dataDirectory) {
		this.port = port;
		this.dataDirectory = dataDirectory;
	}

	public static RestartablePostgres start() throws IOException {
		RestartablePostgres postgres = new RestartablePostgres(freePort(),
				Files.createTempDirectory("relay-restartable-pg"));
		postgres.restart();
		return postgres;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres?user=postgres";
	}

	public DataSource dataSource() {
		return this.server.getPostgresDatabase();
	}

	public synchronized void stop() throws IOException {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	public synchronized void restart() throws IOException {
		stop();
		this.server = EmbeddedPostgres.builder()
			.setPort(this.port)
			.setDataDirectory(this.dataDirectory)
			.setCleanDataDirectory(false)
			.start();
	}

	@Override
	public void close() throws IOException {
		stop();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
