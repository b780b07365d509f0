package dev.clickwrap.relay.events;

import java.time.Instant;
import java.util.Map;

/**
 * A person agreed to one version of one contract ({@code activity_agreed}): the only
 * event that is delivered to Salesforce. A click on a group of contracts arrives as one
 * of these per contract.
 *
 * @param notificationId the notification's {@code id}
 * @param site the Clickwrap site id
 * @param activity the acceptance id
 * @param contract the contract id
 * @param version the contract version id
 * @param group the clickwrap group id, if sent
 * @param signerId who agreed (an email, a phone number or an id of the site's choosing),
 * if sent
 * @param customData what the web page attached to the acceptance, each value as text
 * @param createdTime when the person agreed
 */
public record ActivityAgreed(String notificationId, long site, String activity, long contract, String version,
		Long group, String signerId, Map<String, String> customData, Instant createdTime) implements ClickwrapEvent {

	/** The {@code event_type} of an agreement. */
	public static final String EVENT_TYPE = "activity_agreed";

	public ActivityAgreed {
		customData = Map.copyOf(customData);
	}

	@Override
	public String eventType() {
		return EVENT_TYPE;
	}

	@Override
	public String deduplicationKey() {
		return site + "/" + activity + "/" + EVENT_TYPE;
	}

}
