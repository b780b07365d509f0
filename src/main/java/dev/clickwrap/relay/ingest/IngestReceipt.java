package dev.clickwrap.relay.ingest;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a 202 answer to a webhook.
 *
 * @param outcome what became of the webhook
 * @param relayId the relay's id for the stored event; absent when nothing was stored
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IngestReceipt(IngestOutcome outcome, UUID relayId) {
}
