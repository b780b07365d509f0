package dev.clickwrap.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.events.TestEvent;

import dev.clickwrap.relay.testsupport.TestDatabases;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the event store must do on every database it supports. Each subclass runs these
 * against one of them, with the production migrations applied.
 */
abstract class EventStoreContractTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private JdbcClient jdbc;

	private EventStore store;

	protected abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		DataSource dataSource = dataSource();
		TestDatabases.migrateFromScratch(dataSource);
		this.jdbc = JdbcClient.create(dataSource);
		this.store = new EventStore(this.jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void storeKeepsTheEventWaitingWithItsPayloadAndNotificationId() {
		StoredEvent stored = this.store.store(waiting(agreement("n-1", "act-1")));

		assertThat(stored.duplicate()).isFalse();
		Map<String, Object> row = this.jdbc.sql("select * from clickwrap_event where id = :id")
			.param("id", stored.id())
			.query()
			.singleRow();
		assertThat(row.get("status")).isEqualTo("WAITING");
		assertThat(row.get("notification_id")).isEqualTo("n-1");
		assertThat(row.get("event_type")).isEqualTo("activity_agreed");
		assertThat(row.get("payload")).isEqualTo("{\"id\":\"n-1\"}");
		assertThat(row.get("next_attempt_at")).isNotNull();
	}

	@Test
	void sameAcceptanceIsStoredOnceEvenUnderAnotherNotificationId() {
		StoredEvent first = this.store.store(waiting(agreement("n-1", "act-1")));
		StoredEvent again = this.store.store(waiting(agreement("n-2", "act-1")));

		assertThat(again.duplicate()).isTrue();
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void otherActivitiesOfTheSameSiteAreStoredSeparately() {
		this.store.store(waiting(agreement("n-1", "act-1")));
		this.store.store(waiting(agreement("n-2", "act-2")));

		assertThat(count()).isEqualTo(2);
	}

	@Test
	void purgeDeletesOnlyFinishedEventsOlderThanTheCutoff() {
		UUID oldDelivered = this.store.store(waiting(agreement("n-1", "act-1"))).id();
		UUID oldWaiting = this.store.store(waiting(agreement("n-2", "act-2"))).id();
		UUID oldParked = this.store.store(waiting(agreement("n-3", "act-3"))).id();
		UUID oldIgnored = this.store.store(new NewEvent(new TestEvent("n-4", 1L, NOW), "{}", EventStatus.IGNORED)).id();
		finish(oldDelivered, EventStatus.DELIVERED, NOW.minus(Duration.ofDays(31)));
		finish(oldParked, EventStatus.PARKED, NOW.minus(Duration.ofDays(31)));
		this.jdbc.sql("update clickwrap_event set finished_at = :at where id = :id")
			.param("at", java.sql.Timestamp.from(NOW.minus(Duration.ofDays(31))))
			.param("id", oldIgnored)
			.update();
		UUID recentDelivered = this.store.store(waiting(agreement("n-5", "act-5"))).id();
		finish(recentDelivered, EventStatus.DELIVERED, NOW.minus(Duration.ofDays(1)));

		int purged = this.store.purgeFinishedBefore(NOW.minus(Duration.ofDays(30)));

		assertThat(purged).isEqualTo(2);
		assertThat(ids()).containsExactlyInAnyOrder(oldWaiting, oldParked, recentDelivered);
	}

	@Test
	void commitIsVisibleToAnotherConnectionOnceStoreReturns() {
		StoredEvent stored = new TransactionTemplate(new DataSourceTransactionManager(dataSource()))
			.execute((status) -> this.store.store(waiting(agreement("n-1", "act-1"))));

		assertThat(JdbcClient.create(dataSource())
			.sql("select count(*) from clickwrap_event where id = :id")
			.param("id", stored.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void storeAllAnswersInOrderAndStoresAnEventRepeatedInTheListOnce() {
		List<StoredEvent> stored = this.store.storeAll(List.of(waiting(agreement("n-1", "act-1")),
				waiting(agreement("n-2", "act-2")), waiting(agreement("n-3", "act-1"))));

		assertThat(stored).extracting(StoredEvent::duplicate).containsExactly(false, false, true);
		assertThat(stored.get(2).id()).isEqualTo(stored.get(0).id());
		assertThat(count()).isEqualTo(2);
	}

	@Test
	void storeAllInATransactionStoresNothingWhenOneEventIsRefused() {
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
		NewEvent tooLong = waiting(agreement("n".repeat(300), "act-2"));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> transaction.executeWithoutResult(
					(status) -> this.store.storeAll(List.of(waiting(agreement("n-1", "act-1")), tooLong))));

		assertThat(count()).isZero();
	}

	private void finish(UUID id, EventStatus status, Instant at) {
		this.jdbc.sql("update clickwrap_event set status = :status, finished_at = :at where id = :id")
			.param("status", status.name())
			.param("at", java.sql.Timestamp.from(at))
			.param("id", id)
			.update();
	}

	private int count() {
		return this.jdbc.sql("select count(*) from clickwrap_event").query(Integer.class).single();
	}

	private java.util.List<UUID> ids() {
		return this.jdbc.sql("select id from clickwrap_event").query(UUID.class).list();
	}

	private static NewEvent waiting(ActivityAgreed event) {
		return new NewEvent(event, "{\"id\":\"" + event.notificationId() + "\"}", EventStatus.WAITING);
	}

	static ActivityAgreed agreement(String notificationId, String activity) {
		return new ActivityAgreed(notificationId, 12345, activity, 7, "abc123", 3L, "signer-1", Map.of(), NOW);
	}

}
