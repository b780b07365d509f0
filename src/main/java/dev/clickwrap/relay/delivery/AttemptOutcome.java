package dev.clickwrap.relay.delivery;

import java.util.Locale;

/**
 * What one delivery attempt of one event came to, as recorded in its history and counted
 * in the metrics.
 */
enum AttemptOutcome {

	/** Every write of the event was accepted by Salesforce. */
	DELIVERED,

	/** A passing failure; the event waits for its next attempt. */
	RETRIED,

	/** A failure that retrying cannot fix; the event waits for a person. */
	PARKED,

	/** The org's API allowance was spent; the event waits without using up an attempt. */
	THROTTLED,

	/** A mapping target was left out because the event lacks its key. */
	SKIPPED;

	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
