package dev.clickwrap.relay.admin;

import java.util.UUID;

/**
 * No stored event has the id an operator asked for; it was never stored or retention
 * purged it.
 */
class EventNotFoundException extends RuntimeException {

	private final UUID eventId;

	EventNotFoundException(UUID eventId) {
		super("No stored event has the id " + eventId);
		this.eventId = eventId;
	}

	UUID eventId() {
		return this.eventId;
	}

}
