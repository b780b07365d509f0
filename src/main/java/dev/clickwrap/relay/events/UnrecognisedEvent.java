package dev.clickwrap.relay.events;

/**
 * A notification whose {@code event_type} Clickwrap does not document. It is acknowledged
 * and never delivered.
 *
 * @param notificationId the notification's {@code id}, or an empty string when absent
 * @param eventType the event type as sent
 */
public record UnrecognisedEvent(String notificationId, String eventType) implements ClickwrapEvent {
}
