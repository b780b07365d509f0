package dev.clickwrap.relay.events;

import java.time.Instant;

/**
 * A clickwrap group was published ({@code group_published}).
 *
 * @param notificationId the notification's {@code id}
 * @param site the Clickwrap site id, if sent
 * @param group the group id, if sent
 * @param createdTime when it was published, if sent
 */
public record GroupPublished(String notificationId, Long site, Long group,
		Instant createdTime) implements ClickwrapEvent {

	/** The {@code event_type} of a published group. */
	public static final String EVENT_TYPE = "group_published";

	@Override
	public String eventType() {
		return EVENT_TYPE;
	}

}
