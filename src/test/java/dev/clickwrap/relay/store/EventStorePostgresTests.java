package dev.clickwrap.relay.store;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;

/**
 * The event store on a real PostgreSQL server, as run in production.
 */
class EventStorePostgresTests extends EventStoreContractTests {

	private static DataSource dataSource;

	@BeforeAll
	static void startPostgres() {
		dataSource = EmbeddedPostgresDatabase.newDatabase("event_store_tests");
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
