package dev.clickwrap.relay.system;

import java.util.UUID;

import org.slf4j.MDC;

/**
 * Puts the relay's id of an event into the logging context, so that every line written
 * about the event carries it, also as a field of structured logs.
 */
public final class EventLogContext {

	/** The logging context key holding the relay's id of the event a line is about. */
	public static final String EVENT_ID_KEY = "relay.event_id";

	private EventLogContext() {
	}

	/**
	 * Marks the lines logged until the returned handle is closed as being about one
	 * event.
	 * @param eventId the relay's id of the event
	 * @return the handle that removes the mark
	 */
	public static MDC.MDCCloseable forEvent(UUID eventId) {
		return MDC.putCloseable(EVENT_ID_KEY, eventId.toString());
	}

}
