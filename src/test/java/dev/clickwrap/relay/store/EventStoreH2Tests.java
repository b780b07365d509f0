package dev.clickwrap.relay.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The event store on the embedded default: a file-backed H2 database in PostgreSQL mode, opened with the same URL
 * options the application uses.
 */
class EventStoreH2Tests extends EventStoreContractTests {

	@TempDir
	static Path dataDirectory;

	private static DataSource dataSource;

	@BeforeAll
	static void openDatabase() {
		dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dataDirectory.resolve("relay")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0", "relay", "");
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
