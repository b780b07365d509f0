package dev.clickwrap.relay.salesforce;

/**
 * The relay could not obtain an access token that Salesforce accepts: the token endpoint
 * refused the credentials (such as {@code invalid_grant} or {@code invalid_client}) or a
 * fresh token was rejected again. This usually needs a person to fix the configuration,
 * but it is transient for delivery: events wait instead of being parked, and the circuit
 * breaker opens so that the relay stops asking while the credentials are wrong.
 */
public class SalesforceAuthenticationException extends TransientSalesforceException {

	SalesforceAuthenticationException(String message, int httpStatus, String errorCode) {
		super(message, httpStatus, errorCode, null);
	}

}
