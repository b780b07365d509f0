package dev.clickwrap.relay.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.clickwrap.relay.store.EventStatus;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waiting events as a work queue shared by every instance on one database. An
 * instance claims due events under a lease with {@code FOR UPDATE SKIP LOCKED}, so two
 * instances never claim the same event, and an event whose lease ran out (its instance
 * died) is claimed again. Each change of state is made only by the instance that holds
 * the claim.
 */
@Repository
class DeliveryQueue {

	private static final int MAX_MESSAGE_LENGTH = 2000;

	private final JdbcClient jdbc;

	private final Clock clock;

	DeliveryQueue(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	List<ClaimedEvent> claimDue(int limit, String instance, Duration lease) {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<UUID> ids = this.jdbc.sql("""
				select id from clickwrap_event
				where status = 'WAITING' and next_attempt_at <= :now and (lease_until is null or lease_until < :now)
				order by next_attempt_at
				limit :limit
				for update skip locked""").param("now", now).param("limit", limit).query(UUID.class).list();
		if (ids.isEmpty()) {
			return List.of();
		}
		this.jdbc.sql("update clickwrap_event set claimed_by = :instance, lease_until = :until where id in (:ids)")
			.param("instance", instance)
			.param("until", Timestamp.from(now.toInstant().plus(lease)))
			.param("ids", ids)
			.update();
		return this.jdbc.sql("""
				select id, payload, received_at, attempts from clickwrap_event
				where id in (:ids) order by received_at""")
			.param("ids", ids)
			.query((rs, row) -> new ClaimedEvent(rs.getObject("id", UUID.class), rs.getString("payload"),
					rs.getTimestamp("received_at").toInstant(), rs.getInt("attempts")))
			.list();
	}

	@Transactional
	boolean markDelivered(ClaimedEvent event, String instance, String note) {
		return finish(event, instance, EventStatus.DELIVERED, null, null, note, AttemptOutcome.DELIVERED);
	}

	/**
	 * Marks the events of a batch that Salesforce accepted as delivered, in three
	 * statements whatever the size of the batch.
	 * @param events the accepted events
	 * @param instance the name they were claimed under
	 * @return the events marked: those this instance still held; an event whose claim
	 * passed to another instance is left to that instance
	 */
	@Transactional
	Set<UUID> markDelivered(List<ClaimedEvent> events, String instance) {
		if (events.isEmpty()) {
			return Set.of();
		}
		List<UUID> held = this.jdbc.sql("""
				select id from clickwrap_event
				where id in (:ids) and claimed_by = :instance and status = 'WAITING'
				for update""")
			.param("ids", events.stream().map(ClaimedEvent::id).toList())
			.param("instance", instance)
			.query(UUID.class)
			.list();
		if (held.isEmpty()) {
			return Set.of();
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				update clickwrap_event set status = 'DELIVERED', attempts = attempts + 1, finished_at = :now,
				    next_attempt_at = null, last_error_code = null, last_error = null, claimed_by = null,
				    lease_until = null
				where id in (:held)""").param("now", now).param("held", held).update();
		this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome)
				select id, :now, 'DELIVERED' from clickwrap_event where id in (:held)""")
			.param("now", now)
			.param("held", held)
			.update();
		return Set.copyOf(held);
	}

	@Transactional
	boolean park(ClaimedEvent event, String instance, String errorCode, String message) {
		return finish(event, instance, EventStatus.PARKED, errorCode, message, message, AttemptOutcome.PARKED);
	}

	@Transactional
	boolean scheduleRetry(ClaimedEvent event, String instance, Instant nextAttempt, String errorCode, String message) {
		int updated = this.jdbc.sql("""
				update clickwrap_event set attempts = attempts + 1, next_attempt_at = :next, last_error_code = :code,
				    last_error = :message, claimed_by = null, lease_until = null
				where id = :id and claimed_by = :instance and status = 'WAITING'""")
			.param("next", Timestamp.from(nextAttempt))
			.param("code", errorCode)
			.param("message", truncate(message))
			.param("id", event.id())
			.param("instance", instance)
			.update();
		return recordIf(updated, event, AttemptOutcome.RETRIED, errorCode, message);
	}

	/**
	 * Hands an event back without counting an attempt, for when Salesforce could not be
	 * asked at all.
	 */
	@Transactional
	void release(ClaimedEvent event, String instance, Instant nextAttempt) {
		this.jdbc.sql("""
				update clickwrap_event set next_attempt_at = :next, claimed_by = null, lease_until = null
				where id = :id and claimed_by = :instance and status = 'WAITING'""")
			.param("next", Timestamp.from(nextAttempt))
			.param("id", event.id())
			.param("instance", instance)
			.update();
	}

	@Transactional
	void recordSkip(ClaimedEvent event, String message) {
		insertAttempt(event.id(), AttemptOutcome.SKIPPED, null, message);
	}

	@Transactional
	List<ClaimedEvent> notYetDryRun(int limit) {
		return this.jdbc.sql("""
				select id, payload, received_at, attempts from clickwrap_event
				where status = 'WAITING' and dry_run_logged_at is null
				order by received_at
				limit :limit""")
			.param("limit", limit)
			.query((rs, row) -> new ClaimedEvent(rs.getObject("id", UUID.class), rs.getString("payload"),
					rs.getTimestamp("received_at").toInstant(), rs.getInt("attempts")))
			.list();
	}

	@Transactional
	void markDryRunLogged(List<UUID> ids) {
		this.jdbc.sql("update clickwrap_event set dry_run_logged_at = :now where id in (:ids)")
			.param("now", Timestamp.from(this.clock.instant()))
			.param("ids", ids)
			.update();
	}

	QueueDepth depth() {
		return this.jdbc.sql("""
				select
				  (select count(*) from clickwrap_event where status = 'WAITING') as waiting,
				  (select min(received_at) from clickwrap_event where status = 'WAITING') as oldest,
				  (select count(*) from clickwrap_event where status = 'PARKED') as parked""").query((rs, row) -> {
			Timestamp oldest = rs.getTimestamp("oldest");
			return new QueueDepth(rs.getLong("waiting"), (oldest != null) ? oldest.toInstant() : null,
					rs.getLong("parked"));
		}).single();
	}

	private boolean finish(ClaimedEvent event, String instance, EventStatus status, String errorCode, String lastError,
			String note, AttemptOutcome outcome) {
		int updated = this.jdbc.sql("""
				update clickwrap_event set status = :status, attempts = attempts + 1, finished_at = :now,
				    next_attempt_at = null, last_error_code = :code, last_error = :error, claimed_by = null,
				    lease_until = null
				where id = :id and claimed_by = :instance and status = 'WAITING'""")
			.param("status", status.name())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("code", errorCode)
			.param("error", truncate(lastError))
			.param("id", event.id())
			.param("instance", instance)
			.update();
		return recordIf(updated, event, outcome, errorCode, note);
	}

	private boolean recordIf(int updated, ClaimedEvent event, AttemptOutcome outcome, String errorCode,
			String message) {
		if (updated == 0) {
			return false;
		}
		insertAttempt(event.id(), outcome, errorCode, message);
		return true;
	}

	private void insertAttempt(UUID eventId, AttemptOutcome outcome, String errorCode, String message) {
		this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome, error_code, message)
				values (:event, :at, :outcome, :code, :message)""")
			.param("event", eventId)
			.param("at", Timestamp.from(this.clock.instant()))
			.param("outcome", outcome.name())
			.param("code", errorCode)
			.param("message", truncate(message))
			.update();
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= MAX_MESSAGE_LENGTH) ? text : text.substring(0, MAX_MESSAGE_LENGTH);
	}

	/**
	 * How much work is queued.
	 *
	 * @param waiting events waiting for delivery
	 * @param oldestWaiting when the oldest of them was received, or {@code null} when
	 * none waits
	 * @param parked events parked for a person to look at
	 */
	record QueueDepth(long waiting, Instant oldestWaiting, long parked) {
	}

}
