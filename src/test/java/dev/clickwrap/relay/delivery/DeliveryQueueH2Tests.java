package dev.clickwrap.relay.delivery;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The delivery queue on the embedded default database.
 */
class DeliveryQueueH2Tests extends DeliveryQueueContractTests {

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
