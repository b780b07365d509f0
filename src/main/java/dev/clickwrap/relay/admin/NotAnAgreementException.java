package dev.clickwrap.relay.admin;

/**
 * A webhook body posted for a preview that describes some other event than an agreement,
 * which is never delivered.
 */
class NotAnAgreementException extends RuntimeException {

	private final String eventType;

	NotAnAgreementException(String eventType) {
		super("Only activity_agreed events are delivered to Salesforce; this body is a " + eventType + " event");
		this.eventType = eventType;
	}

	String eventType() {
		return this.eventType;
	}

}
