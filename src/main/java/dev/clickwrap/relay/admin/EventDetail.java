package dev.clickwrap.relay.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored event in full: its summary, the webhook body it arrived in and its delivery
 * history.
 *
 * @param summary where the event stands; its fields appear at the top level
 * @param payload the webhook body as a JSON object
 * @param history its delivery attempts, skipped targets and replays, oldest first; not
 * named {@code attempts}, which is the summary's count
 */
record EventDetail(@JsonUnwrapped EventSummary summary, JsonNode payload, List<DeliveryAttempt> history) {
}
