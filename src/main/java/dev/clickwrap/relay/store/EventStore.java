package dev.clickwrap.relay.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable log of acknowledged webhooks. A call that returns has committed; a call
 * that throws has stored nothing, so the caller may answer the sender accordingly.
 */
@Repository
public class EventStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	public EventStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Stores an event unless the same event is already stored.
	 * @param event the event and its body
	 * @return the relay's id for the event, new or existing
	 */
	@Transactional
	public StoredEvent store(NewEvent event) {
		return insertUnlessStored(event);
	}

	/**
	 * Stores several events in one transaction, each unless the same event is already
	 * stored or comes earlier in the list. Either all are committed or, if this throws,
	 * none is.
	 * @param events the events and their bodies
	 * @return the relay's id for each event, new or existing, in the order of the events
	 */
	@Transactional
	public List<StoredEvent> storeAll(List<NewEvent> events) {
		List<StoredEvent> stored = new ArrayList<>(events.size());
		for (NewEvent event : events) {
			stored.add(insertUnlessStored(event));
		}
		return stored;
	}

	private StoredEvent insertUnlessStored(NewEvent event) {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(this.clock.instant());
		int inserted = this.jdbc.sql("""
				insert into clickwrap_event (id, deduplication_key, notification_id, event_type, payload, status,
				    received_at, next_attempt_at, finished_at)
				values (:id, :key, :notificationId, :eventType, :payload, :status, :now, :nextAttempt, :finished)
				on conflict do nothing""")
			.param("id", id)
			.param("key", event.event().deduplicationKey())
			.param("notificationId", event.event().notificationId())
			.param("eventType", event.event().eventType())
			.param("payload", event.payload())
			.param("status", event.status().name())
			.param("now", now)
			.param("nextAttempt", (event.status() == EventStatus.WAITING) ? now : null)
			.param("finished", event.status().isFinal() ? now : null)
			.update();
		if (inserted == 1) {
			return new StoredEvent(id, false);
		}
		UUID existing = this.jdbc.sql("select id from clickwrap_event where deduplication_key = :key")
			.param("key", event.event().deduplicationKey())
			.query(UUID.class)
			.single();
		return new StoredEvent(existing, true);
	}

	/**
	 * Deletes events that reached a final state before the cutoff. Waiting and parked
	 * events are never deleted.
	 * @param cutoff the instant before which a finished event is old enough to go
	 * @return how many events were deleted
	 */
	@Transactional
	public int purgeFinishedBefore(Instant cutoff) {
		return this.jdbc.sql("delete from clickwrap_event where status in (:statuses) and finished_at < :cutoff")
			.param("statuses", List.of(EventStatus.DELIVERED.name(), EventStatus.IGNORED.name()))
			.param("cutoff", Timestamp.from(cutoff))
			.update();
	}

}
