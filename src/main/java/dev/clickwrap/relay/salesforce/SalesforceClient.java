package dev.clickwrap.relay.salesforce;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallKind;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import io.github.resilience4j.retry.annotation.Retry;

import org.springframework.stereotype.Component;

/**
 * Calls the Salesforce REST API for the delivery of acceptances. Every call goes through
 * the Resilience4j retry and circuit breaker named {@value #RESILIENCE}: the retry wraps
 * the breaker (Resilience4j's default aspect order), so each attempt counts in the
 * breaker's window and an open breaker ends the retries at once.
 */
@Component
public class SalesforceClient {

	/**
	 * Name of the retry and the circuit breaker around Salesforce calls, as configured
	 * under {@code resilience4j.retry.instances} and
	 * {@code resilience4j.circuitbreaker.instances}.
	 */
	public static final String RESILIENCE = "salesforce";

	private final SalesforceProperties properties;

	private final SalesforceTransport transport;

	private final CircuitBreakerRegistry circuitBreakers;

	SalesforceClient(SalesforceProperties properties, SalesforceTransport transport,
			CircuitBreakerRegistry circuitBreakers) {
		this.properties = properties;
		this.transport = transport;
		this.circuitBreakers = circuitBreakers;
	}

	/**
	 * Send several operations as one composite request, which counts as one call against
	 * the org's API allowance. The call succeeds even when subrequests fail; read each
	 * subresponse.
	 * @param request the operations
	 * @return one subresponse per subrequest
	 * @throws TransientSalesforceException when the call failed for a reason expected to
	 * pass, after retries ({@link SalesforceUnavailableException} when the circuit
	 * breaker is open)
	 * @throws SalesforceLimitException when the org's API allowance is spent
	 * @throws PermanentSalesforceException when Salesforce rejected the request as a
	 * whole
	 * @throws IllegalStateException when Salesforce is not configured
	 */
	@Retry(name = RESILIENCE)
	@CircuitBreaker(name = RESILIENCE, fallbackMethod = "rejectWhileOpen")
	public CompositeResponse composite(CompositeRequest request) {
		String path = dataPath("composite");
		JsonNode reply = this.transport.post(CallKind.COMPOSITE, path, compositeBody(request));
		JsonNode items = reply.path("compositeResponse");
		if (!items.isArray()) {
			throw new PermanentSalesforceException("POST " + path + " answered without a compositeResponse array", 200,
					null, null);
		}
		List<CompositeSubresponse> subresponses = new ArrayList<>();
		for (JsonNode item : items) {
			JsonNode body = item.get("body");
			subresponses.add(new CompositeSubresponse(item.path("referenceId").asText(),
					item.path("httpStatusCode").asInt(), (body != null) ? body : NullNode.getInstance()));
		}
		return new CompositeResponse(subresponses);
	}

	/**
	 * Whether calls are let through now. While the circuit breaker is open after repeated
	 * transient failures, calls fail at once with {@link SalesforceUnavailableException},
	 * so there is no point in claiming work.
	 * @return {@code false} while the circuit breaker is open or forced open
	 */
	public boolean isAcceptingCalls() {
		State state = this.circuitBreakers.circuitBreaker(RESILIENCE).getState();
		return state != State.OPEN && state != State.FORCED_OPEN;
	}

	/**
	 * Whether a Salesforce org is configured at all; without one, deliveries are dry
	 * runs.
	 * @return {@code true} when the login URL and client id are set
	 */
	public boolean isConfigured() {
		return this.properties.isConfigured();
	}

	/**
	 * The path of a REST resource in the configured API version, for subrequest URLs.
	 * @param suffix the part after the version, such as
	 * {@code sobjects/Contact/Clickwrap_Key__c/abc}
	 * @return {@code /services/data/{apiVersion}/{suffix}}
	 */
	public String dataPath(String suffix) {
		return this.properties.dataPath(suffix);
	}

	/**
	 * Fallback of the circuit breaker for calls it does not permit; every other failure
	 * passes through unchanged.
	 */
	CompositeResponse rejectWhileOpen(CompositeRequest request, CallNotPermittedException ex) {
		throw new SalesforceUnavailableException(
				"Salesforce calls are paused: the circuit breaker '" + RESILIENCE + "' is open", ex);
	}

	private JsonNode compositeBody(CompositeRequest request) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("allOrNone", request.allOrNone());
		for (CompositeSubrequest subrequest : request.subrequests()) {
			ObjectNode item = body.withArray("compositeRequest").addObject();
			item.put("method", subrequest.method());
			item.put("url", subrequest.url());
			item.put("referenceId", subrequest.referenceId());
			if (subrequest.body() != null) {
				item.set("body", this.transport.toJson(subrequest.body()));
			}
		}
		return body;
	}

}
