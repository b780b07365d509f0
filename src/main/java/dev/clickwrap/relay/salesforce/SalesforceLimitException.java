package dev.clickwrap.relay.salesforce;

/**
 * Salesforce refused a call because the org's rolling 24-hour API allowance is spent
 * ({@code REQUEST_LIMIT_EXCEEDED}). Nothing will succeed until the allowance frees up, so
 * stop sending for a while rather than retrying; the circuit breaker ignores these
 * because Salesforce itself is healthy.
 */
public class SalesforceLimitException extends SalesforceException {

	SalesforceLimitException(String message, int httpStatus, String errorCode) {
		super(message, httpStatus, errorCode, null);
	}

}
