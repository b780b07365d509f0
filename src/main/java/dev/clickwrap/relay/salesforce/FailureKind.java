package dev.clickwrap.relay.salesforce;

/**
 * What a failed Salesforce operation calls for.
 */
public enum FailureKind {

	/**
	 * Expected to pass: retry later with backoff and jitter.
	 */
	TRANSIENT,

	/**
	 * The org's API allowance is spent: stop sending until it frees up.
	 */
	THROTTLED,

	/**
	 * Repeating cannot help: park the delivery with the reason, for a person to fix and
	 * replay.
	 */
	PERMANENT,

	/**
	 * Two creates of the same external id raced ({@code DUPLICATE_VALUE}): one retry
	 * turns the upsert into an update.
	 */
	DUPLICATE_RACE

}
