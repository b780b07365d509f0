package dev.clickwrap.relay.ingest;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What became of an accepted webhook.
 */
enum IngestOutcome {

	/** Stored and waiting for delivery to Salesforce. */
	QUEUED,

	/** The same event was stored before; nothing new was stored. */
	DUPLICATE,

	/**
	 * An event type that is never delivered; stored only when configured to keep such
	 * events.
	 */
	IGNORED;

	@JsonValue
	String label() {
		return name().toLowerCase(Locale.ROOT);
	}

}
