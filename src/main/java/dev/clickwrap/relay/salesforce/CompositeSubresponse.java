package dev.clickwrap.relay.salesforce;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Salesforce's answer to one subrequest of a composite request.
 *
 * @param referenceId the subrequest's reference id
 * @param httpStatusCode the status the subrequest would have had as a call of its own
 * @param body the reply body; a {@code NullNode} when there was none (such as a 204)
 */
public record CompositeSubresponse(String referenceId, int httpStatusCode, JsonNode body) {

	/**
	 * Whether the subrequest succeeded.
	 * @return {@code true} for a 2xx status
	 */
	public boolean isSuccess() {
		return this.httpStatusCode >= 200 && this.httpStatusCode < 300;
	}

	/**
	 * Whether this subrequest failed only because another one did and the whole request
	 * was rolled back.
	 * @return {@code true} for the {@code PROCESSING_HALTED} and
	 * {@code ALL_OR_NONE_OPERATION_ROLLED_BACK} codes
	 */
	public boolean isRolledBack() {
		if (isSuccess()) {
			return false;
		}
		String code = error().errorCode();
		return "PROCESSING_HALTED".equals(code) || "ALL_OR_NONE_OPERATION_ROLLED_BACK".equals(code);
	}

	/**
	 * The error this subrequest failed with.
	 * @return the first error in the body
	 * @throws IllegalStateException when the subrequest succeeded
	 */
	public SalesforceError error() {
		if (isSuccess()) {
			throw new IllegalStateException("Subrequest '" + this.referenceId + "' succeeded with HTTP "
					+ this.httpStatusCode + "; it has no error");
		}
		return SalesforceError.from(this.httpStatusCode, this.body);
	}

	/**
	 * What this subrequest's failure calls for.
	 * @return the kind of failure
	 * @throws IllegalStateException when the subrequest succeeded
	 */
	public FailureKind failureKind() {
		return SalesforceErrorClassifier.classify(this.httpStatusCode, error().errorCode());
	}

}
