package dev.clickwrap.relay.ingest;

import dev.clickwrap.relay.store.EmbeddedPostgresDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hostile corpus against a relay storing into a real PostgreSQL server, which refuses
 * some text that H2 keeps.
 */
class HostileWebhookPostgresTests extends HostileWebhookTests {

	private static final String DATABASE = "hostile_webhook_tests";

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		EmbeddedPostgresDatabase.newDatabase(DATABASE);
		registry.add("spring.datasource.url", () -> EmbeddedPostgresDatabase.jdbcUrl(DATABASE));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	@Override
	String storage() {
		return "PostgreSQL";
	}

}
