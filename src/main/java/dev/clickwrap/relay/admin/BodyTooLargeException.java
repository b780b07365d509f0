package dev.clickwrap.relay.admin;

/**
 * A request body larger than the webhook endpoint would accept.
 */
class BodyTooLargeException extends RuntimeException {

	BodyTooLargeException(long limit) {
		super("The body is larger than the limit of " + limit + " bytes (relay.ingest.max-body-size)");
	}

}
