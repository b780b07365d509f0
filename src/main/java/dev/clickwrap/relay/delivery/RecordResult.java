package dev.clickwrap.relay.delivery;

import dev.clickwrap.relay.salesforce.FailureKind;

/**
 * What became of one planned record in Salesforce.
 *
 * @param written whether Salesforce wrote it
 * @param failure why it was not written, {@code null} when it was or when it was never
 * sent
 * @param errorCode Salesforce's error code, if any
 * @param message Salesforce's explanation; may quote record values, so it is stored but
 * never logged
 */
record RecordResult(boolean written, FailureKind failure, String errorCode, String message) {

	static final RecordResult WRITTEN = new RecordResult(true, null, null, null);

	/**
	 * The call was never made because the circuit breaker opened while the batch was
	 * prepared.
	 */
	static final RecordResult NOT_SENT = new RecordResult(false, null, null, "not sent");

	static RecordResult failed(FailureKind failure, String errorCode, String message) {
		return new RecordResult(false, failure, errorCode, message);
	}

}
