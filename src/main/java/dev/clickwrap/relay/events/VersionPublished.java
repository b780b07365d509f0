package dev.clickwrap.relay.events;

import java.time.Instant;

/**
 * A new contract version was published ({@code version_published}).
 *
 * @param notificationId the notification's {@code id}
 * @param site the Clickwrap site id, if sent
 * @param contract the contract id, if sent
 * @param version the new version id, if sent
 * @param createdTime when it was published, if sent
 */
public record VersionPublished(String notificationId, Long site, Long contract, String version,
		Instant createdTime) implements ClickwrapEvent {

	/** The {@code event_type} of a published version. */
	public static final String EVENT_TYPE = "version_published";

	@Override
	public String eventType() {
		return EVENT_TYPE;
	}

}
