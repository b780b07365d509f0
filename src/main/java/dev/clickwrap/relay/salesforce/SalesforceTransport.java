package dev.clickwrap.relay.salesforce;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.force.api.ApiConfig;
import com.force.api.ApiException;
import com.force.api.ApiSession;
import com.force.api.ApiTokenException;
import com.force.api.ForceApi;
import com.force.api.ResourceException;
import com.force.api.ResourceRepresentation;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallKind;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallOutcome;

import org.springframework.stereotype.Component;

/**
 * Sends REST API calls through force-rest-api with the current access token, replays a
 * call once with a new token when Salesforce reports the session expired, and turns every
 * failure into a {@link SalesforceException} of the right class.
 * <p>
 * force-rest-api shapes what can be known about a failure: it exposes no response headers
 * (so {@code Sforce-Limit-Info} cannot be read; {@link SalesforceLimitsPoller} reads the
 * limits resource instead), it applies one timeout to both connecting and reading, and it
 * reports an error reply without a body as a broken stream with the status lost. Such a
 * reply is treated as transient, which is right for the empty 502 and 503 replies of
 * proxies and load balancers.
 */
@Component
class SalesforceTransport {

	private final SalesforceAuthenticator authenticator;

	private final SalesforceCallMetrics metrics;

	private final ApiConfig apiConfig;

	private final ObjectMapper objectMapper;

	SalesforceTransport(SalesforceProperties properties, SalesforceAuthenticator authenticator,
			SalesforceCallMetrics metrics) {
		this.authenticator = authenticator;
		this.metrics = metrics;
		// Not the application's ObjectMapper: that one omits nulls, and a null must reach
		// Salesforce to blank a field
		this.objectMapper = JsonMapper.builder()
			.findAndAddModules()
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
			.build();
		this.apiConfig = new ApiConfig().setApiVersionString(properties.apiVersion())
			.setRequestTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
			.setObjectMapper(this.objectMapper);
	}

	/**
	 * Convert a request body to JSON the way it will be sent, {@code null} values
	 * included.
	 * @param value the body
	 * @return its JSON tree
	 */
	JsonNode toJson(Object value) {
		return this.objectMapper.valueToTree(value);
	}

	JsonNode post(CallKind kind, String path, JsonNode body) {
		return call(kind, "POST", path, body);
	}

	JsonNode get(CallKind kind, String path) {
		return call(kind, "GET", path, null);
	}

	private JsonNode call(CallKind kind, String method, String path, JsonNode body) {
		SalesforceSession session = this.authenticator.session();
		try {
			return sendCounted(kind, session, method, path, body);
		}
		catch (ApiTokenException ex) {
			SalesforceSession renewed = this.authenticator.renew(session);
			try {
				return sendCounted(kind, renewed, method, path, body);
			}
			catch (ApiTokenException again) {
				this.metrics.record(kind, CallOutcome.TRANSIENT);
				SalesforceError error = parseError(again);
				throw new SalesforceAuthenticationException("Salesforce rejected a freshly issued access token for "
						+ method + " " + path + ": " + error.errorCode(), 401, error.errorCode());
			}
		}
	}

	/**
	 * Send one call and count its outcome, except an expired session, which the caller
	 * handles by replaying the call and which therefore is not an outcome yet.
	 */
	private JsonNode sendCounted(CallKind kind, SalesforceSession session, String method, String path, JsonNode body) {
		try {
			JsonNode reply = send(session, method, path, body);
			this.metrics.record(kind, CallOutcome.SUCCESS);
			return reply;
		}
		catch (SalesforceException ex) {
			this.metrics.record(kind, CallOutcome.of(ex));
			throw ex;
		}
	}

	private JsonNode send(SalesforceSession session, String method, String path, JsonNode body) {
		ForceApi api = new ForceApi(this.apiConfig, new ApiSession(session.accessToken(), session.instanceUrl()))
			.rootPath();
		try {
			// A GET must go through get(): request() always writes a body, which turns a
			// GET into a POST
			ResourceRepresentation reply = (body != null) ? api.request(method, path, body) : api.get(path);
			return reply.as(JsonNode.class);
		}
		catch (ApiTokenException ex) {
			throw ex;
		}
		catch (ApiException ex) {
			throw classify(method, path, ex);
		}
		catch (ResourceException ex) {
			if (ex.getCause() instanceof JsonProcessingException) {
				// Not kept as the cause: the parser's message quotes the reply
				throw new TransientSalesforceException(
						"The reply to " + method + " " + path + " was not the JSON expected", 0, null, null);
			}
			throw new TransientSalesforceException(
					"The reply to " + method + " " + path + " could not be read: " + ex.getCause(), 0, null, ex);
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw new TransientSalesforceException(describeIoFailure(method, path, io), 0, null, ex);
			}
			throw ex;
		}
	}

	/**
	 * Turn an error reply into the exception of its class. The library's exception is not
	 * kept as the cause because its message is the raw reply body.
	 */
	private SalesforceException classify(String method, String path, ApiException ex) {
		int status = ex.getCode();
		SalesforceError error = parseError(ex);
		String message = method + " " + path + " failed with HTTP " + status
				+ ((error.errorCode() != null) ? " " + error.errorCode() : "") + ": " + error.message();
		return switch (SalesforceErrorClassifier.classify(status, error.errorCode())) {
			case TRANSIENT, DUPLICATE_RACE ->
				new TransientSalesforceException(message, status, error.errorCode(), null);
			case THROTTLED -> new SalesforceLimitException(message, status, error.errorCode());
			case PERMANENT -> new PermanentSalesforceException(message, status, error.errorCode(), null);
		};
	}

	private SalesforceError parseError(ApiException ex) {
		JsonNode body;
		try {
			body = (ex.getMessage() != null) ? this.objectMapper.readTree(ex.getMessage()) : null;
		}
		catch (IOException notJson) {
			body = null;
		}
		return SalesforceError.from(ex.getCode(), body);
	}

	private static String describeIoFailure(String method, String path, IOException io) {
		if ("Stream closed".equals(io.getMessage())) {
			return method + " " + path + " got an error reply without a body; force-rest-api does not report "
					+ "its status";
		}
		return method + " " + path + " failed: " + io;
	}

}
