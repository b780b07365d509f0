package dev.clickwrap.relay.salesforce;

/**
 * No call was made because the circuit breaker is open after repeated transient failures.
 * Retry later; see {@link SalesforceClient#isAcceptingCalls()} to avoid claiming work in
 * the meantime.
 */
public class SalesforceUnavailableException extends TransientSalesforceException {

	SalesforceUnavailableException(String message, Throwable cause) {
		super(message, 0, null, cause);
	}

}
