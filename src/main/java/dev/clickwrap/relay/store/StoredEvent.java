package dev.clickwrap.relay.store;

import java.util.UUID;

/**
 * The answer of the store to one event: the relay's id for it and whether the same event
 * was already stored.
 *
 * @param id the relay's id for the event
 * @param duplicate {@code true} if an earlier notification had already stored this event
 */
public record StoredEvent(UUID id, boolean duplicate) {
}
