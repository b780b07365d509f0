package dev.clickwrap.relay.delivery;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.clickwrap.relay.testsupport.TestDatabases;

/**
 * The delivery queue on the embedded default database.
 */
class DeliveryQueueH2Tests extends DeliveryQueueContractTests {

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
