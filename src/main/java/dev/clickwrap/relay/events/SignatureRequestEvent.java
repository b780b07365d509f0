package dev.clickwrap.relay.events;

import java.time.Instant;

/**
 * A change to a signature request: {@code request_sent}, {@code request_signed},
 * {@code request_complete} or {@code request_expired}.
 *
 * @param notificationId the notification's {@code id}
 * @param eventType the event type as sent
 * @param site the Clickwrap site id, if sent
 * @param request the signature request id, if sent
 * @param createdTime when it happened, if sent
 */
public record SignatureRequestEvent(String notificationId, String eventType, Long site, String request,
		Instant createdTime) implements ClickwrapEvent {
}
