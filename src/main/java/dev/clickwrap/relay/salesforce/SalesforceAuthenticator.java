package dev.clickwrap.relay.salesforce;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallKind;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Obtains access tokens from the org's token endpoint and keeps the current one. None of
 * the flows issues a refresh token, so an expired token is replaced by running the flow
 * again. When many calls find the token expired at once, only the first replaces it and
 * the others reuse the new one.
 */
@Component
class SalesforceAuthenticator {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceAuthenticator.class);

	private static final String JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

	private final SalesforceProperties properties;

	private final SalesforceCallMetrics metrics;

	private final JwtBearerAssertion jwtBearerAssertion;

	private final HttpClient httpClient;

	private final ObjectMapper objectMapper = new ObjectMapper();

	private final ReentrantLock renewal = new ReentrantLock();

	private volatile SalesforceSession current;

	SalesforceAuthenticator(SalesforceProperties properties, SalesforceCallMetrics metrics, Clock clock) {
		this.properties = properties;
		this.metrics = metrics;
		this.jwtBearerAssertion = (properties.isConfigured()
				&& properties.auth() == SalesforceProperties.AuthFlow.JWT_BEARER)
						? new JwtBearerAssertion(JwtBearerAssertion.readPrivateKey(properties.privateKeyFile()),
								properties.clientId(), properties.username(), properties.loginUrl(), clock)
						: null;
		this.httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The current session, obtaining one first if there is none yet.
	 * @return the session to call the API with
	 */
	SalesforceSession session() {
		SalesforceSession session = this.current;
		return (session != null) ? session : renew(null);
	}

	/**
	 * Replace a session that Salesforce rejected. Only the first caller holding a given
	 * stale session fetches a new one; callers that arrive after it was replaced get the
	 * replacement without another fetch.
	 * @param stale the session that was rejected, or {@code null} when there was none
	 * @return the session to retry with
	 */
	SalesforceSession renew(SalesforceSession stale) {
		this.renewal.lock();
		try {
			SalesforceSession session = this.current;
			if (session != null && session != stale) {
				return session;
			}
			this.current = null;
			this.current = fetch();
			return this.current;
		}
		finally {
			this.renewal.unlock();
		}
	}

	private SalesforceSession fetch() {
		if (!this.properties.isConfigured()) {
			throw new IllegalStateException(
					"Salesforce is not configured: set relay.salesforce.login-url and " + "relay.salesforce.client-id");
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.properties.tokenUrl()))
			.timeout(this.properties.readTimeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(formEncode(grant())))
			.build();
		HttpResponse<String> response;
		try {
			response = this.httpClient.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			this.metrics.record(CallKind.TOKEN, CallOutcome.TRANSIENT);
			throw new TransientSalesforceException(
					"The Salesforce token endpoint " + this.properties.tokenUrl() + " could not be reached: " + ex, 0,
					null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientSalesforceException("Interrupted while requesting a Salesforce token", 0, null, ex);
		}
		return readSession(response);
	}

	private SalesforceSession readSession(HttpResponse<String> response) {
		int status = response.statusCode();
		JsonNode body = parse(response.body());
		if (status >= 500) {
			this.metrics.record(CallKind.TOKEN, CallOutcome.TRANSIENT);
			throw new TransientSalesforceException("The Salesforce token endpoint answered HTTP " + status, status,
					null, null);
		}
		String accessToken = (body != null) ? body.path("access_token").asText(null) : null;
		String instanceUrl = (body != null) ? body.path("instance_url").asText(null) : null;
		if (status != 200 || accessToken == null || instanceUrl == null) {
			SalesforceError error = SalesforceError.from(status, body);
			this.metrics.record(CallKind.TOKEN, CallOutcome.PERMANENT);
			logger.warn("Salesforce refused a token for the {} flow of client {}: HTTP {} {}", this.properties.auth(),
					this.properties.clientId(), status, error.errorCode());
			throw new SalesforceAuthenticationException("Salesforce refused a token for the " + this.properties.auth()
					+ " flow: HTTP " + status + " " + error.errorCode() + " (" + error.message() + ")", status,
					error.errorCode());
		}
		this.metrics.record(CallKind.TOKEN, CallOutcome.SUCCESS);
		logger.info("Obtained a Salesforce access token for instance {}", instanceUrl);
		return new SalesforceSession(accessToken, stripTrailingSlash(instanceUrl));
	}

	private Map<String, String> grant() {
		Map<String, String> form = new LinkedHashMap<>();
		switch (this.properties.auth()) {
			case CLIENT_CREDENTIALS -> {
				form.put("grant_type", "client_credentials");
				form.put("client_id", this.properties.clientId());
				form.put("client_secret", this.properties.clientSecret());
			}
			case JWT_BEARER -> {
				form.put("grant_type", JWT_BEARER_GRANT);
				form.put("assertion", this.jwtBearerAssertion.sign());
			}
			case PASSWORD -> {
				form.put("grant_type", "password");
				form.put("client_id", this.properties.clientId());
				form.put("client_secret", this.properties.clientSecret());
				form.put("username", this.properties.username());
				form.put("password", this.properties.password());
			}
		}
		return form;
	}

	private JsonNode parse(String body) {
		try {
			return (body == null || body.isBlank()) ? null : this.objectMapper.readTree(body);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String formEncode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
