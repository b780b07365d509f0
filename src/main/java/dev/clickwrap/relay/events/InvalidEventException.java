package dev.clickwrap.relay.events;

import java.util.List;

/**
 * A webhook body that is well-formed JSON but cannot be taken as the event it claims to
 * be. The message names every offending field and never repeats a field's value.
 */
public class InvalidEventException extends RuntimeException {

	private final String eventType;

	private final List<String> missingFields;

	private final List<String> invalidFields;

	InvalidEventException(String eventType, List<String> missingFields, List<String> invalidFields) {
		super(describe(eventType, missingFields, invalidFields));
		this.eventType = eventType;
		this.missingFields = List.copyOf(missingFields);
		this.invalidFields = List.copyOf(invalidFields);
	}

	/**
	 * The event type the body claimed, or {@code null} when it named none.
	 * @return the claimed event type
	 */
	public String eventType() {
		return this.eventType;
	}

	public List<String> missingFields() {
		return this.missingFields;
	}

	public List<String> invalidFields() {
		return this.invalidFields;
	}

	private static String describe(String eventType, List<String> missing, List<String> invalid) {
		StringBuilder message = new StringBuilder("The ").append((eventType != null) ? eventType : "webhook")
			.append(" event");
		if (!missing.isEmpty()) {
			message.append(" lacks the required fields ").append(String.join(", ", missing));
		}
		if (!invalid.isEmpty()) {
			message.append(missing.isEmpty() ? " has" : " and has").append(" fields of the wrong type or format ");
			message.append(String.join(", ", invalid));
		}
		return message.toString();
	}

}
