package dev.clickwrap.relay.events;

import java.time.Instant;

/**
 * Any {@code activity_*} event other than an agreement, such as
 * {@code activity_displayed}.
 *
 * @param notificationId the notification's {@code id}
 * @param eventType the event type as sent
 * @param site the Clickwrap site id, if sent
 * @param activity the activity id, if sent
 * @param createdTime when it happened, if sent
 */
public record ActivityEvent(String notificationId, String eventType, Long site, String activity,
		Instant createdTime) implements ClickwrapEvent {

	@Override
	public String deduplicationKey() {
		return (activity != null) ? site + "/" + activity + "/" + eventType : ClickwrapEvent.super.deduplicationKey();
	}

}
