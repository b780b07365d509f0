package dev.clickwrap.relay.admin;

/**
 * A request parameter of the admin API that cannot be used as it is; the message names
 * the parameter and what it accepts.
 */
class InvalidAdminRequestException extends RuntimeException {

	private final String parameter;

	InvalidAdminRequestException(String parameter, String message) {
		super(message);
		this.parameter = parameter;
	}

	String parameter() {
		return this.parameter;
	}

}
