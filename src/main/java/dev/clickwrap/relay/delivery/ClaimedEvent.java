package dev.clickwrap.relay.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A waiting event this instance has claimed for one delivery attempt.
 *
 * @param id the relay's id of the event
 * @param payload the webhook body it arrived in
 * @param receivedAt when the relay acknowledged it
 * @param attempts how many delivery attempts it has had before this one
 */
record ClaimedEvent(UUID id, String payload, Instant receivedAt, int attempts) {
}
