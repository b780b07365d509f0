package dev.clickwrap.relay.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EventStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored events and their delivery history as operators see and change them. Every
 * statement is plain SQL that both PostgreSQL and H2 in PostgreSQL mode run. The changes
 * are meant to run inside the caller's transaction.
 */
@Repository
class AdminEventRepository {

	/**
	 * The history outcome of an operator's replay; not a delivery attempt, so it is not
	 * counted as one.
	 */
	static final String REPLAYED = "REPLAYED";

	private static final int MAX_MESSAGE_LENGTH = 2000;

	private static final String SUMMARY_COLUMNS = """
			id, event_type, notification_id, status, received_at, attempts, next_attempt_at, last_error_code,
			last_error, finished_at""";

	/**
	 * Makes an event wait for delivery from scratch: due now, no attempts, no claim,
	 * nothing finished.
	 */
	private static final String REQUEUE = """
			update clickwrap_event set status = 'WAITING', attempts = 0, next_attempt_at = :now, last_error = null,
			    last_error_code = null, claimed_by = null, lease_until = null, finished_at = null,
			    dry_run_logged_at = null
			""";

	private final JdbcClient jdbc;

	private final Clock clock;

	AdminEventRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<EventSummary> findSummaries(EventStatus status, Instant before, int limit) {
		StringBuilder sql = new StringBuilder("select " + SUMMARY_COLUMNS + " from clickwrap_event where 1 = 1");
		if (status != null) {
			sql.append(" and status = :status");
		}
		if (before != null) {
			sql.append(" and received_at < :before");
		}
		sql.append(" order by received_at desc, id desc limit :limit");
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString()).param("limit", limit);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		if (before != null) {
			statement = statement.param("before", Timestamp.from(before));
		}
		return statement.query(AdminEventRepository::summary).list();
	}

	Optional<EventSummary> findSummary(UUID id) {
		return this.jdbc.sql("select " + SUMMARY_COLUMNS + " from clickwrap_event where id = :id")
			.param("id", id)
			.query(AdminEventRepository::summary)
			.optional();
	}

	Optional<String> findPayload(UUID id) {
		return this.jdbc.sql("select payload from clickwrap_event where id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	List<DeliveryAttempt> findAttempts(UUID id) {
		return this.jdbc.sql("""
				select attempted_at, outcome, error_code, message from delivery_attempt
				where event_id = :id order by attempted_at, id""")
			.param("id", id)
			.query((rs, row) -> new DeliveryAttempt(instant(rs, "attempted_at"), rs.getString("outcome"),
					rs.getString("error_code"), rs.getString("message")))
			.list();
	}

	/**
	 * Locks one event until the transaction ends, so that its state cannot change between
	 * reading and replaying it.
	 */
	Optional<ReplayCandidate> lockForReplay(UUID id) {
		return this.jdbc.sql("""
				select status, event_type, last_error_code, last_error from clickwrap_event where id = :id
				for update""")
			.param("id", id)
			.query((rs, row) -> new ReplayCandidate(id, EventStatus.valueOf(rs.getString("status")),
					rs.getString("event_type"), rs.getString("last_error_code"), rs.getString("last_error")))
			.optional();
	}

	/**
	 * Makes a delivered or parked event wait for delivery again, recording the replay and
	 * the error it replaces in the event's history.
	 */
	void requeue(ReplayCandidate event) {
		String note = "Replayed by an operator after it was " + event.status().name().toLowerCase(Locale.ROOT)
				+ ((event.lastError() != null) ? "; last error: " + event.lastError() : "");
		recordReplay(event.id(), event.lastErrorCode(), note);
		this.jdbc.sql(REQUEUE + "where id = :id and status = :from")
			.param("now", now())
			.param("id", event.id())
			.param("from", event.status().name())
			.update();
	}

	/**
	 * Makes a waiting event due now. Its attempts and any claim stay as they are: an
	 * instance that is delivering it right now finishes that attempt.
	 */
	void makeDue(UUID id) {
		recordReplay(id, null, "Made due now by an operator");
		this.jdbc.sql("update clickwrap_event set next_attempt_at = :now where id = :id and status = 'WAITING'")
			.param("now", now())
			.param("id", id)
			.update();
	}

	/**
	 * Makes every parked agreement wait for delivery again, in one statement however many
	 * there are. The history entries are written first, and only events that got one are
	 * requeued, so that an event parked between the two statements stays parked rather
	 * than losing its last error.
	 * @param since only events parked at or after this instant, or every parked event
	 * when {@code null}
	 * @return how many events were requeued
	 */
	int requeueParked(Instant since) {
		Timestamp now = now();
		String parked = "status = 'PARKED' and event_type = :agreed"
				+ ((since != null) ? " and finished_at >= :since" : "");
		JdbcClient.StatementSpec history = this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome, error_code, message)
				select id, :now, :replayed, last_error_code,
				    left(concat('Replayed by an operator with every parked event; last error: ',
				        coalesce(last_error, 'none')), %d)
				from clickwrap_event where %s""".formatted(MAX_MESSAGE_LENGTH, parked))
			.param("now", now)
			.param("replayed", REPLAYED)
			.param("agreed", ActivityAgreed.EVENT_TYPE);
		if (since != null) {
			history = history.param("since", Timestamp.from(since));
		}
		history.update();
		return this.jdbc.sql(REQUEUE + """
				where status = 'PARKED' and exists (select 1 from delivery_attempt replay
				    where replay.event_id = clickwrap_event.id and replay.outcome = :replayed
				    and replay.attempted_at = :now)""").param("now", now).param("replayed", REPLAYED).update();
	}

	private void recordReplay(UUID id, String errorCode, String note) {
		this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome, error_code, message)
				values (:id, :now, :replayed, :code, :message)""")
			.param("id", id)
			.param("now", now())
			.param("replayed", REPLAYED)
			.param("code", errorCode)
			.param("message", (note.length() <= MAX_MESSAGE_LENGTH) ? note : note.substring(0, MAX_MESSAGE_LENGTH))
			.update();
	}

	/**
	 * The current time at the precision both databases store, so that a value written can
	 * be matched again exactly.
	 */
	private Timestamp now() {
		return Timestamp.from(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	private static EventSummary summary(ResultSet rs, int row) throws SQLException {
		return new EventSummary(rs.getObject("id", UUID.class), rs.getString("event_type"),
				rs.getString("notification_id"), EventStatus.valueOf(rs.getString("status")),
				instant(rs, "received_at"), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
				rs.getString("last_error_code"), rs.getString("last_error"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * An event about to be replayed, as it stood when it was locked.
	 *
	 * @param id the relay's id of the event
	 * @param status its state
	 * @param eventType its Clickwrap event type
	 * @param lastErrorCode the error code of its last failed attempt, if any
	 * @param lastError the explanation of its last failed attempt, if any
	 */
	record ReplayCandidate(UUID id, EventStatus status, String eventType, String lastErrorCode, String lastError) {
	}

}
