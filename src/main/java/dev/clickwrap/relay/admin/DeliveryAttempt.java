package dev.clickwrap.relay.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry in the delivery history of an event: an attempt, a skipped mapping target or
 * a replay.
 *
 * @param attemptedAt when it happened
 * @param outcome {@code DELIVERED}, {@code RETRIED}, {@code PARKED}, {@code THROTTLED},
 * {@code SKIPPED} or {@code REPLAYED}
 * @param errorCode the Salesforce error code, if any
 * @param message what happened, if recorded
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record DeliveryAttempt(Instant attemptedAt, String outcome, String errorCode, String message) {
}
