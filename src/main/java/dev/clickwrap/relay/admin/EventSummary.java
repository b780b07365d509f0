package dev.clickwrap.relay.admin;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.clickwrap.relay.store.EventStatus;

/**
 * Where one stored event stands, as the admin API lists it. Absent values are written as
 * {@code null}, so that every summary has the same fields.
 *
 * @param relayId the relay's id of the event
 * @param eventType the Clickwrap {@code event_type}
 * @param notificationId the id of the Clickwrap notification that brought it
 * @param status where it is on its way to Salesforce
 * @param receivedAt when the relay acknowledged it
 * @param attempts how many delivery attempts it has had since it last started waiting
 * @param nextAttemptAt when it is due, for a waiting event
 * @param lastErrorCode the Salesforce error code of the last failed attempt, if any
 * @param lastError the explanation of the last failed attempt, if any
 * @param finishedAt when it was delivered, parked or ignored
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record EventSummary(UUID relayId, String eventType, String notificationId, EventStatus status, Instant receivedAt,
		int attempts, Instant nextAttemptAt, String lastErrorCode, String lastError, Instant finishedAt) {
}
