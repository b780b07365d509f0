package dev.clickwrap.relay.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.clickwrap.relay.testsupport.TestDatabases;

/**
 * The event store on the embedded default: a file-backed H2 database in PostgreSQL mode,
 * opened with the same URL options the application uses.
 */
class EventStoreH2Tests extends EventStoreContractTests {

	@TempDir
	static Path dataDirectory;

	private static DataSource dataSource;

	@BeforeAll
	static void openDatabase() {
		dataSource = TestDatabases.h2File(dataDirectory);
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
