package dev.clickwrap.relay.delivery;

import java.util.List;

import dev.clickwrap.relay.salesforce.FailureKind;

/**
 * The single decision for one event, drawn from the results of every record it touched: a
 * failure that retrying cannot fix parks it, a spent allowance holds it back, a passing
 * failure retries it, and only when every record was written is it delivered.
 *
 * @param kind the decision
 * @param errorCode the Salesforce error code behind it, if any
 * @param message the explanation behind it, if any
 */
record DeliveryVerdict(Kind kind, String errorCode, String message) {

	static DeliveryVerdict of(List<RecordResult> results) {
		RecordResult worst = null;
		Kind kind = Kind.DELIVER;
		for (RecordResult result : results) {
			Kind candidate = kindOf(result);
			if (candidate.ordinal() > kind.ordinal()) {
				kind = candidate;
				worst = result;
			}
		}
		return (worst != null) ? new DeliveryVerdict(kind, worst.errorCode(), worst.message())
				: new DeliveryVerdict(kind, null, null);
	}

	private static Kind kindOf(RecordResult result) {
		if (result.written()) {
			return Kind.DELIVER;
		}
		if (result.failure() == null) {
			return Kind.HOLD;
		}
		return (result.failure() == FailureKind.PERMANENT) ? Kind.PARK
				: (result.failure() == FailureKind.THROTTLED) ? Kind.THROTTLE : Kind.RETRY;
	}

	/**
	 * The decisions, from mildest to gravest.
	 */
	enum Kind {

		/** Every record was written. */
		DELIVER,

		/** Nothing was tried; hand the event back without counting an attempt. */
		HOLD,

		/** A passing failure; try again later. */
		RETRY,

		/** The org's API allowance is spent; hold back without counting an attempt. */
		THROTTLE,

		/** Retrying cannot help; wait for a person. */
		PARK

	}

}
