package dev.clickwrap.relay.salesforce;

/**
 * An access token and the instance it is valid for.
 *
 * @param accessToken the bearer token
 * @param instanceUrl the base URL of API calls, from the token reply's
 * {@code instance_url}
 */
record SalesforceSession(String accessToken, String instanceUrl) {

	/**
	 * Describes the session without its token, so that it can be logged.
	 */
	@Override
	public String toString() {
		return "SalesforceSession[instanceUrl=" + this.instanceUrl + "]";
	}

}
