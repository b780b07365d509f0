package dev.clickwrap.relay.salesforce;

/**
 * A call that failed for a reason expected to pass: a network fault, a timeout, a 5xx
 * reply or a locked row. The same call is worth repeating later; the circuit breaker
 * counts these.
 */
public class TransientSalesforceException extends SalesforceException {

	TransientSalesforceException(String message, int httpStatus, String errorCode, Throwable cause) {
		super(message, httpStatus, errorCode, cause);
	}

}
