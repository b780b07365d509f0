package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.ClickwrapRelayApplication;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EmbeddedPostgresDatabase;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.store.EventStore;
import dev.clickwrap.relay.store.NewEvent;
import dev.clickwrap.relay.testsupport.FakeSalesforce;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays sharing one PostgreSQL database and one Salesforce org, as in a deployment
 * with two replicas.
 */
class TwoInstanceDeliveryTests {

	private static final FakeSalesforce salesforce = new FakeSalesforce();

	@AfterAll
	static void stopSalesforce() {
		salesforce.stop();
	}

	@Test
	void twoInstancesDeliverEveryEventOnceBetweenThem() {
		EmbeddedPostgresDatabase.newDatabase("two_instances");
		try (ConfigurableApplicationContext first = start("first");
				ConfigurableApplicationContext second = start("second")) {
			EventStore store = first.getBean(EventStore.class);
			int events = 400;
			IntStream.range(0, events).forEach((i) -> {
				ActivityAgreed agreement = DeliveryTests.agreement("pair-" + i, DeliveryTests.salesforceId("006", i),
						null, "pair-signer-" + i);
				store.store(new NewEvent(agreement, DeliveryTests.payload(agreement), EventStatus.WAITING));
			});
			JdbcClient jdbc = first.getBean(JdbcClient.class);

			await().atMost(Duration.ofSeconds(90))
				.until(() -> jdbc.sql("select count(*) from clickwrap_event where status = 'DELIVERED'")
					.query(Long.class)
					.single() == events);

			List<Map<String, Object>> attemptsPerEvent = jdbc.sql("""
					select event_id, count(*) as attempts from delivery_attempt
					where outcome <> 'SKIPPED' group by event_id""").query().listOfRows();
			assertThat(attemptsPerEvent).hasSize(events)
				.allSatisfy((row) -> assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1));
			assertThat(salesforce.writesByRecord()).hasSize(2 * events)
				.allSatisfy((record, writes) -> assertThat(writes).as(record).isEqualTo(1));
			double byFirst = delivered(first);
			double bySecond = delivered(second);
			assertThat(byFirst).isPositive();
			assertThat(bySecond).isPositive();
			assertThat(byFirst + bySecond).isEqualTo(events);
			System.out.printf("two instances: %d events delivered once each in %d composite calls%n", events,
					salesforce.compositeCalls());
		}
	}

	private static double delivered(ConfigurableApplicationContext instance) {
		return instance.getBean(MeterRegistry.class)
			.get("relay.delivery.attempts")
			.tag("outcome", "delivered")
			.counter()
			.count();
	}

	private static ConfigurableApplicationContext start(String name) {
		return new SpringApplicationBuilder(ClickwrapRelayApplication.class).run("--server.port=0",
				"--relay.ingest.tokens=test-token", "--relay.delivery.instance-id=" + name,
				"--relay.delivery.poll-interval=50ms", "--relay.delivery.batch-size=20",
				"--spring.datasource.url=" + EmbeddedPostgresDatabase.jdbcUrl("two_instances"),
				"--spring.datasource.username=postgres", "--relay.salesforce.login-url=" + salesforce.baseUrl(),
				"--relay.salesforce.client-id=relay", "--relay.salesforce.client-secret=secret",
				"--relay.salesforce.limits-poll-interval=0");
	}

}
