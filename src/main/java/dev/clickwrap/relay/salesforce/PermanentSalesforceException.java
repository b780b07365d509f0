package dev.clickwrap.relay.salesforce;

/**
 * Salesforce rejected a call in a way that repeating it cannot fix, such as an unknown
 * field, a missing permission or a resource that does not exist. The message is
 * Salesforce's own; it may quote values from the request, so log the error code rather
 * than the message.
 */
public class PermanentSalesforceException extends SalesforceException {

	PermanentSalesforceException(String message, int httpStatus, String errorCode, Throwable cause) {
		super(message, httpStatus, errorCode, cause);
	}

}
