package dev.clickwrap.relay.admin;

import java.util.UUID;

/**
 * An event that cannot be replayed because it is never delivered to Salesforce.
 */
class ReplayRefusedException extends RuntimeException {

	private final UUID eventId;

	ReplayRefusedException(UUID eventId, String message) {
		super(message);
		this.eventId = eventId;
	}

	UUID eventId() {
		return this.eventId;
	}

}
