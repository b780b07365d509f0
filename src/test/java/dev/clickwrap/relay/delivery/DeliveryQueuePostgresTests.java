package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.store.EmbeddedPostgresDatabase;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery queue on a real PostgreSQL server, where several instances share it.
 */
class DeliveryQueuePostgresTests extends DeliveryQueueContractTests {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void startPostgres() {
		EmbeddedPostgresDatabase.newDatabase("delivery_queue_tests");
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(EmbeddedPostgresDatabase.jdbcUrl("delivery_queue_tests"));
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(8);
	}

	@AfterAll
	static void closePool() {
		dataSource.close();
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

	@Test
	void instancesClaimingAtTheSameTimeNeverClaimTheSameEvent() throws Exception {
		int events = 600;
		for (int i = 0; i < events; i++) {
			store("race-" + i);
		}
		DeliveryQueue first = transactional(
				new DeliveryQueue(JdbcClient.create(dataSource), java.time.Clock.systemUTC()), dataSource);
		DeliveryQueue second = transactional(
				new DeliveryQueue(JdbcClient.create(dataSource), java.time.Clock.systemUTC()), dataSource);

		ExecutorService instances = Executors.newFixedThreadPool(4);
		List<Future<List<UUID>>> claims = new ArrayList<>();
		for (int worker = 0; worker < 4; worker++) {
			DeliveryQueue queue = (worker % 2 == 0) ? first : second;
			String name = "instance-" + worker;
			claims.add(instances.submit(claimUntilEmpty(queue, name)));
		}
		List<UUID> all = new ArrayList<>();
		for (Future<List<UUID>> claim : claims) {
			all.addAll(claim.get(60, TimeUnit.SECONDS));
		}
		instances.shutdown();

		Set<UUID> distinct = new HashSet<>(all);
		assertThat(all).hasSize(events);
		assertThat(distinct).hasSize(events);
	}

	private static Callable<List<UUID>> claimUntilEmpty(DeliveryQueue queue, String instance) {
		return () -> {
			List<UUID> mine = Collections.synchronizedList(new ArrayList<>());
			while (true) {
				List<ClaimedEvent> batch = queue.claimDue(25, instance, Duration.ofMinutes(5));
				if (batch.isEmpty()) {
					return mine;
				}
				batch.forEach((event) -> mine.add(event.id()));
			}
		};
	}

}
