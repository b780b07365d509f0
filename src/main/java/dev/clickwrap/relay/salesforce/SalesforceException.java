package dev.clickwrap.relay.salesforce;

/**
 * A Salesforce call that did not succeed as a whole. The subclass says what to do about
 * it: wait and retry ({@link TransientSalesforceException}), stop sending until the org's
 * API allowance frees up ({@link SalesforceLimitException}) or stop retrying until a
 * person fixes the cause ({@link PermanentSalesforceException}).
 */
public abstract class SalesforceException extends RuntimeException {

	private final int httpStatus;

	private final String errorCode;

	SalesforceException(String message, int httpStatus, String errorCode, Throwable cause) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.errorCode = errorCode;
	}

	/**
	 * The HTTP status Salesforce answered with.
	 * @return the status, or {@code 0} when no reply arrived
	 */
	public int getHttpStatus() {
		return this.httpStatus;
	}

	/**
	 * The error code Salesforce gave, such as {@code INVALID_FIELD} or, from the token
	 * endpoint, {@code invalid_grant}.
	 * @return the code, or {@code null} when the reply had none
	 */
	public String getErrorCode() {
		return this.errorCode;
	}

}
