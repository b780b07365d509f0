package dev.clickwrap.relay.store;

import dev.clickwrap.relay.events.ClickwrapEvent;

/**
 * An event about to be stored, with the body it arrived in.
 *
 * @param event the parsed event
 * @param payload the body as received, UTF-8 JSON
 * @param status the state it starts in
 */
public record NewEvent(ClickwrapEvent event, String payload, EventStatus status) {
}
