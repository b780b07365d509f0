package dev.clickwrap.relay.events;

/**
 * A webhook body that is not a single well-formed UTF-8 JSON object.
 */
public class MalformedBodyException extends RuntimeException {

	MalformedBodyException(String message, Throwable cause) {
		super(message, cause);
	}

}
