package dev.clickwrap.relay.testsupport;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The databases repository tests run against, set up the way the relay sets them up.
 */
public final class TestDatabases {

	private TestDatabases() {
	}

	/**
	 * The embedded default: a file-backed H2 database in PostgreSQL mode, with the URL
	 * options the relay uses.
	 * @param directory where its files go
	 * @return a data source for it
	 */
	public static DataSource h2File(Path directory) {
		return new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:file:" + directory.resolve("relay")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
				"relay", "");
	}

	/**
	 * Empties a database and applies the relay's migrations to it.
	 * @param dataSource the database
	 */
	public static void migrateFromScratch(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
		Flyway.configure().dataSource(dataSource).load().migrate();
	}

}
