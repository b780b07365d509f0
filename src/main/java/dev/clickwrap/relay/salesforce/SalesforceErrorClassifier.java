package dev.clickwrap.relay.salesforce;

import java.util.Set;

/**
 * Decides what a Salesforce error calls for, from its HTTP status and its error code.
 * Works for call-level replies, composite subresponses and sObject collection results
 * alike; the code decides where it is known to mean something particular, otherwise the
 * status does.
 */
public final class SalesforceErrorClassifier {

	/**
	 * The status Salesforce answers an upsert with when several records hold the external
	 * id.
	 */
	public static final int MULTIPLE_CHOICES = 300;

	private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
			"INVALID_SESSION_ID");

	private static final Set<String> THROTTLED_CODES = Set.of("REQUEST_LIMIT_EXCEEDED");

	private static final Set<String> DUPLICATE_CODES = Set.of("DUPLICATE_VALUE");

	private SalesforceErrorClassifier() {
	}

	/**
	 * Classify one failed operation.
	 * @param httpStatus the HTTP status of the reply or subresponse; {@code 0} when there
	 * is none, as for the items of an sObject collection reply
	 * @param errorCode Salesforce's error code ({@code errorCode} or, in collection
	 * results, {@code statusCode}), or {@code null}
	 * @return what to do about the failure
	 * @throws IllegalArgumentException for a 2xx status without an error code, which is
	 * not a failure
	 */
	public static FailureKind classify(int httpStatus, String errorCode) {
		if (errorCode != null) {
			if (TRANSIENT_CODES.contains(errorCode)) {
				return FailureKind.TRANSIENT;
			}
			if (THROTTLED_CODES.contains(errorCode)) {
				return FailureKind.THROTTLED;
			}
			if (DUPLICATE_CODES.contains(errorCode)) {
				return FailureKind.DUPLICATE_RACE;
			}
		}
		if (httpStatus >= 500 || httpStatus == 401 || httpStatus == 408) {
			return FailureKind.TRANSIENT;
		}
		if (httpStatus == 429) {
			return FailureKind.THROTTLED;
		}
		if (httpStatus >= 200 && httpStatus < MULTIPLE_CHOICES && errorCode == null) {
			throw new IllegalArgumentException("HTTP " + httpStatus + " without an error code is not a failure");
		}
		return FailureKind.PERMANENT;
	}

}
