package dev.clickwrap.relay.store;

import java.io.IOException;
import java.io.UncheckedIOException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server for the whole test JVM, started on first use and stopped
 * when the JVM exits.
 */
public final class EmbeddedPostgresDatabase {

	private static EmbeddedPostgres server;

	private EmbeddedPostgresDatabase() {
	}

	/**
	 * A fresh, empty database on the shared server.
	 * @param name the database name, unique per test class
	 * @return a data source for it
	 */
	public static synchronized DataSource newDatabase(String name) {
		EmbeddedPostgres postgres = server();
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement()) {
			statement.execute("drop database if exists " + name);
			statement.execute("create database " + name);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
		return postgres.getDatabase("postgres", name);
	}

	/**
	 * The JDBC URL of a database made by {@link #newDatabase(String)}.
	 * @param name the database name
	 * @return its JDBC URL
	 */
	public static String jdbcUrl(String name) {
		return server().getJdbcUrl("postgres", name);
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL server", ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.close();
				}
				catch (IOException ex) {
					// the JVM is exiting; the server's directory is temporary
				}
			}));
		}
		return server;
	}

}
