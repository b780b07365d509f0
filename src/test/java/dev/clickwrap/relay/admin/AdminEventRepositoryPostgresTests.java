package dev.clickwrap.relay.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.store.EmbeddedPostgresDatabase;
import dev.clickwrap.relay.store.EventStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin queries and replays on a real PostgreSQL server, as run in production, with
 * the production migrations.
 */
class AdminEventRepositoryPostgresTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00.123456Z");

	private static DataSource dataSource;

	private JdbcClient jdbc;

	private AdminEventRepository repository;

	private TransactionTemplate transaction;

	@BeforeAll
	static void startPostgres() {
		dataSource = EmbeddedPostgresDatabase.newDatabase("admin_event_tests");
	}

	@BeforeEach
	void migrate() {
		Flyway.configure().dataSource(dataSource).cleanDisabled(false).load().clean();
		Flyway.configure().dataSource(dataSource).load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
		this.repository = new AdminEventRepository(this.jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
		this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Test
	void summariesOfOneStatusComeNewestFirstBeforeTheGivenInstant() {
		UUID oldest = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(3)));
		UUID middle = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(2)));
		UUID newest = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(1)));
		insert(EventStatus.WAITING, NOW.minus(Duration.ofMinutes(90)));

		List<EventSummary> firstPage = this.repository.findSummaries(EventStatus.PARKED, null, 2);
		List<EventSummary> nextPage = this.repository.findSummaries(EventStatus.PARKED, firstPage.get(1).receivedAt(),
				2);
		List<EventSummary> everything = this.repository.findSummaries(null, null, 10);

		assertThat(firstPage).extracting(EventSummary::relayId).containsExactly(newest, middle);
		assertThat(nextPage).extracting(EventSummary::relayId).containsExactly(oldest);
		assertThat(everything).hasSize(4);
		assertThat(firstPage.get(0).status()).isEqualTo(EventStatus.PARKED);
		assertThat(firstPage.get(0).receivedAt()).isEqualTo(NOW.minus(Duration.ofHours(1)));
	}

	@Test
	void oneEventComesWithItsPayloadAndHistoryOldestFirst() {
		UUID id = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(2)));
		attempt(id, NOW.minus(Duration.ofMinutes(10)), "PARKED");
		attempt(id, NOW.minus(Duration.ofMinutes(50)), "RETRIED");

		assertThat(this.repository.findSummary(id)).hasValueSatisfying(
				(summary) -> assertThat(summary.finishedAt()).isEqualTo(NOW.minus(Duration.ofHours(1))));
		assertThat(this.repository.findPayload(id)).hasValue("{\"event_type\":\"activity_agreed\"}");
		assertThat(this.repository.findAttempts(id)).extracting(DeliveryAttempt::outcome)
			.containsExactly("RETRIED", "PARKED");
		assertThat(this.repository.findSummary(UUID.randomUUID())).isEmpty();
	}

	@Test
	void requeueOfALockedParkedEventStartsItOverAndKeepsItsLastErrorInTheHistory() {
		UUID id = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(2)));
		this.jdbc
			.sql("update clickwrap_event set attempts = 5, last_error_code = 'INVALID_FIELD', last_error = :error "
					+ "where id = :id")
			.param("error", "e".repeat(2000))
			.param("id", id)
			.update();

		this.transaction
			.executeWithoutResult((status) -> this.repository.requeue(this.repository.lockForReplay(id).orElseThrow()));

		Map<String, Object> row = row(id);
		assertThat(row).containsEntry("status", "WAITING")
			.containsEntry("attempts", 0)
			.containsEntry("next_attempt_at", Timestamp.from(NOW))
			.containsEntry("finished_at", null)
			.containsEntry("last_error", null);
		DeliveryAttempt replay = this.repository.findAttempts(id).get(0);
		assertThat(replay.outcome()).isEqualTo("REPLAYED");
		assertThat(replay.errorCode()).isEqualTo("INVALID_FIELD");
		assertThat(replay.message()).startsWith("Replayed by an operator after it was parked; last error: eee")
			.hasSize(2000);
	}

	@Test
	void makeDueMovesOnlyTheNextAttemptOfAWaitingEvent() {
		UUID id = insert(EventStatus.WAITING, NOW.minus(Duration.ofHours(2)));
		this.jdbc.sql("update clickwrap_event set attempts = 2, next_attempt_at = :later where id = :id")
			.param("later", Timestamp.from(NOW.plus(Duration.ofHours(1))))
			.param("id", id)
			.update();

		this.transaction.executeWithoutResult((status) -> this.repository.makeDue(id));

		assertThat(row(id)).containsEntry("next_attempt_at", Timestamp.from(NOW)).containsEntry("attempts", 2);
	}

	@Test
	void requeueParkedSinceAnInstantRequeuesOnlyEventsParkedFromThenInOneGo() {
		UUID early = insert(EventStatus.PARKED, NOW.minus(Duration.ofDays(3)));
		UUID late = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(3)));
		UUID alsoLate = insert(EventStatus.PARKED, NOW.minus(Duration.ofHours(2)));
		UUID delivered = insert(EventStatus.DELIVERED, NOW.minus(Duration.ofHours(2)));
		this.jdbc.sql("update clickwrap_event set last_error = :error where id = :id")
			.param("error", "x".repeat(2000))
			.param("id", late)
			.update();

		Integer requeued = this.transaction
			.execute((status) -> this.repository.requeueParked(NOW.minus(Duration.ofDays(1))));

		assertThat(requeued).isEqualTo(2);
		assertThat(row(late)).containsEntry("status", "WAITING").containsEntry("attempts", 0);
		assertThat(row(alsoLate)).containsEntry("status", "WAITING");
		assertThat(row(early)).containsEntry("status", "PARKED");
		assertThat(row(delivered)).containsEntry("status", "DELIVERED");
		assertThat(this.repository.findAttempts(late)).singleElement()
			.satisfies((replay) -> assertThat(replay.message()).hasSize(2000));
		Integer rest = this.transaction.execute((status) -> this.repository.requeueParked(null));
		assertThat(rest).isEqualTo(1);
		assertThat(row(early)).containsEntry("status", "WAITING");
	}

	private UUID insert(EventStatus status, Instant receivedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into clickwrap_event (id, deduplication_key, notification_id, event_type, payload, status,
				    received_at, next_attempt_at, finished_at)
				values (:id, :key, :notification, 'activity_agreed', :payload, :status, :received, :next, :finished)""")
			.param("id", id)
			.param("key", "key-" + id)
			.param("notification", "n-" + id)
			.param("payload", "{\"event_type\":\"activity_agreed\"}")
			.param("status", status.name())
			.param("received", Timestamp.from(receivedAt))
			.param("next", (status == EventStatus.WAITING) ? Timestamp.from(receivedAt) : null)
			.param("finished",
					(status != EventStatus.WAITING) ? Timestamp.from(receivedAt.plus(Duration.ofHours(1))) : null)
			.update();
		return id;
	}

	private void attempt(UUID event, Instant at, String outcome) {
		this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome) values (:event, :at, :outcome)""")
			.param("event", event)
			.param("at", Timestamp.from(at))
			.param("outcome", outcome)
			.update();
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select * from clickwrap_event where id = :id").param("id", id).query().singleRow();
	}

}
