package dev.clickwrap.relay.events;

/**
 * One webhook notification from Ironclad Clickwrap, parsed into the type its
 * {@code event_type} names. Every implementation is immutable.
 */
public sealed interface ClickwrapEvent permits ActivityAgreed, ActivityEvent, TestEvent, VersionPublished,
		GroupPublished, SignatureRequestEvent, UnrecognisedEvent {

	/**
	 * The id Clickwrap gave this notification ({@code id}).
	 * @return the notification id
	 */
	String notificationId();

	/**
	 * The {@code event_type} exactly as sent.
	 * @return the event type
	 */
	String eventType();

	/**
	 * The key under which two notifications count as the same event: for an activity it
	 * is one acceptance of one contract (site, activity and event type), for anything
	 * else the notification itself.
	 * @return the deduplication key
	 */
	default String deduplicationKey() {
		return eventType() + "/" + notificationId();
	}

}
