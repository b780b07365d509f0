package dev.clickwrap.relay.salesforce;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * How the relay reaches the Salesforce org it writes to. Without {@code login-url} and
 * {@code client-id} the relay runs without Salesforce (deliveries are dry runs); with
 * them, the settings the chosen flow needs must all be there.
 *
 * @param loginUrl base URL of the org's My Domain, such as
 * {@code https://acme.my.salesforce.com}; tokens are requested from
 * {@code {loginUrl}/services/oauth2/token}
 * @param auth the OAuth flow that obtains an access token
 * @param clientId consumer key of the External Client App (or Connected App)
 * @param clientSecret consumer secret, for the client credentials and username-password
 * flows
 * @param username the integration user, for the JWT bearer and username-password flows
 * @param password the integration user's password followed by its security token, for the
 * username-password flow
 * @param privateKeyFile PEM file holding the PKCS#8 RSA private key
 * ({@code BEGIN PRIVATE KEY}) whose certificate is uploaded to the app, for the JWT
 * bearer flow
 * @param apiVersion REST API version used in every path
 * @param connectTimeout the longest wait for a connection to the token endpoint; API
 * calls use {@code read-timeout} for both connecting and reading because force-rest-api
 * takes a single timeout
 * @param readTimeout the longest wait for a reply to a token request or an API call
 * @param limitsPollInterval how often the org's daily API allowance is read from the
 * limits resource; {@code 0} turns the reading off
 */
@ConfigurationProperties("relay.salesforce")
public record SalesforceProperties(String loginUrl, @DefaultValue("CLIENT_CREDENTIALS") AuthFlow auth, String clientId,
		String clientSecret, String username, String password, Path privateKeyFile,
		@DefaultValue("v66.0") String apiVersion, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("10m") Duration limitsPollInterval) {

	private static final String PREFIX = "relay.salesforce.";

	public SalesforceProperties {
		loginUrl = StringUtils.hasText(loginUrl) ? stripTrailingSlash(loginUrl.strip()) : null;
		clientId = StringUtils.hasText(clientId) ? clientId.strip() : null;
		if (!apiVersion.matches("v\\d+\\.\\d")) {
			throw new IllegalArgumentException(PREFIX + "api-version must look like v66.0, not '" + apiVersion + "'");
		}
		requirePositive("connect-timeout", connectTimeout);
		requirePositive("read-timeout", readTimeout);
		if (limitsPollInterval.isNegative()) {
			throw new IllegalArgumentException(PREFIX + "limits-poll-interval must not be negative");
		}
		if (loginUrl != null || clientId != null) {
			requireComplete(loginUrl, auth, clientId, clientSecret, username, password, privateKeyFile);
		}
	}

	/**
	 * Whether a Salesforce org is configured; without one the relay delivers nothing.
	 * @return {@code true} when the login URL and the client id are set
	 */
	public boolean isConfigured() {
		return this.loginUrl != null && this.clientId != null;
	}

	/**
	 * The path of a REST resource in the configured API version.
	 * @param suffix the part after the version, such as {@code composite} or
	 * {@code sobjects/Contact}
	 * @return {@code /services/data/{apiVersion}/{suffix}}
	 */
	public String dataPath(String suffix) {
		String relative = suffix.startsWith("/") ? suffix.substring(1) : suffix;
		return "/services/data/" + this.apiVersion + "/" + relative;
	}

	String tokenUrl() {
		return this.loginUrl + "/services/oauth2/token";
	}

	/**
	 * Describes the settings without the client secret and the password, so that the
	 * properties can be logged.
	 */
	@Override
	public String toString() {
		return "SalesforceProperties[loginUrl=" + this.loginUrl + ", auth=" + this.auth + ", clientId=" + this.clientId
				+ ", clientSecret=" + redacted(this.clientSecret) + ", username=" + this.username + ", password="
				+ redacted(this.password) + ", privateKeyFile=" + this.privateKeyFile + ", apiVersion="
				+ this.apiVersion + ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
				+ ", limitsPollInterval=" + this.limitsPollInterval + "]";
	}

	private static String redacted(String secret) {
		return (secret != null) ? "(set)" : null;
	}

	private static void requireComplete(String loginUrl, AuthFlow auth, String clientId, String clientSecret,
			String username, String password, Path privateKeyFile) {
		List<String> missing = new ArrayList<>();
		addIfMissing(missing, "login-url", loginUrl);
		addIfMissing(missing, "client-id", clientId);
		switch (auth) {
			case CLIENT_CREDENTIALS -> addIfMissing(missing, "client-secret", clientSecret);
			case JWT_BEARER -> {
				addIfMissing(missing, "username", username);
				addIfMissing(missing, "private-key-file", (privateKeyFile != null) ? privateKeyFile.toString() : null);
			}
			case PASSWORD -> {
				addIfMissing(missing, "client-secret", clientSecret);
				addIfMissing(missing, "username", username);
				addIfMissing(missing, "password", password);
			}
		}
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException("Salesforce is configured for the " + auth + " flow but "
					+ String.join(", ", missing) + " is not set");
		}
		if (!loginUrl.startsWith("https://") && !loginUrl.startsWith("http://")) {
			throw new IllegalArgumentException(PREFIX + "login-url must be an https URL such as "
					+ "https://acme.my.salesforce.com, not '" + loginUrl + "'");
		}
	}

	private static void addIfMissing(List<String> missing, String property, String value) {
		if (!StringUtils.hasText(value)) {
			missing.add(PREFIX + property);
		}
	}

	private static void requirePositive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(PREFIX + property + " must be positive");
		}
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * The OAuth 2.0 flows that can obtain an access token without a person present.
	 */
	public enum AuthFlow {

		/**
		 * Client credentials flow with a "run as" user on the app: the flow Salesforce
		 * recommends for server-to-server integrations.
		 */
		CLIENT_CREDENTIALS,

		/**
		 * JWT bearer flow: an assertion signed with the private key whose certificate the
		 * app holds.
		 */
		JWT_BEARER,

		/**
		 * Username-password flow: blocked by default in newer orgs and announced for
		 * retirement; kept for orgs that still allow it.
		 */
		PASSWORD

	}

}
