package dev.clickwrap.relay.events;

import java.time.Instant;

/**
 * What the "Test Webhook" button on the Clickwrap integrations page sends
 * ({@code test_event}).
 *
 * @param notificationId the notification's {@code id}
 * @param site the Clickwrap site id, if sent
 * @param createdTime when it was sent, if known
 */
public record TestEvent(String notificationId, Long site, Instant createdTime) implements ClickwrapEvent {

	/** The {@code event_type} of a test notification. */
	public static final String EVENT_TYPE = "test_event";

	@Override
	public String eventType() {
		return EVENT_TYPE;
	}

}
