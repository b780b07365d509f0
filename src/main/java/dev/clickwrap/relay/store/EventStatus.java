package dev.clickwrap.relay.store;

/**
 * Where a stored event is on its way to Salesforce.
 */
public enum EventStatus {

	/** Waiting to be written to Salesforce, now or at its next attempt time. */
	WAITING,

	/** Written to Salesforce. Final. */
	DELIVERED,

	/**
	 * Failed in a way that retrying cannot fix; waits for a person to correct the cause
	 * and replay it.
	 */
	PARKED,

	/** Kept for the record only: an event type that is never delivered. Final. */
	IGNORED;

	/**
	 * Whether the event will not change again unless a person acts.
	 * @return {@code true} for the states that retention may purge
	 */
	public boolean isFinal() {
		return this == DELIVERED || this == IGNORED;
	}

}
