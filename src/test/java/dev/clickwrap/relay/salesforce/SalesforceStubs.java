package dev.clickwrap.relay.salesforce;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A stubbed Salesforce org on a loopback WireMock server, and the Salesforce beans wired
 * against it without Spring.
 */
final class SalesforceStubs {

	static final String TOKEN_PATH = "/services/oauth2/token";

	static final String COMPOSITE_PATH = "/services/data/v66.0/composite";

	private SalesforceStubs() {
	}

	/**
	 * The server's address by IP, so that nothing depends on how {@code localhost}
	 * resolves.
	 */
	static String baseUrl(WireMockExtension server) {
		return "http://127.0.0.1:" + server.getPort();
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
	}

	/**
	 * Bind properties the way Spring Boot does, so that defaults and validation apply.
	 */
	static SalesforceProperties properties(Map<String, String> settings) {
		Map<String, String> source = new LinkedHashMap<>();
		settings.forEach((key, value) -> source.put("relay.salesforce." + key, value));
		return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate("relay.salesforce",
				Bindable.of(SalesforceProperties.class));
	}

	static SalesforceProperties clientCredentials(WireMockExtension server, String... extra) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("login-url", baseUrl(server));
		settings.put("client-id", "relay-client");
		settings.put("client-secret", "s3cret");
		for (int i = 0; i < extra.length; i += 2) {
			settings.put(extra[i], extra[i + 1]);
		}
		return properties(settings);
	}

	static void stubToken(WireMockExtension server, String accessToken) {
		server.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(tokenReply(server, accessToken)));
	}

	static ResponseDefinitionBuilder tokenReply(WireMockExtension server, String accessToken) {
		return okJson("{\"access_token\":\"" + accessToken + "\",\"instance_url\":\"" + baseUrl(server)
				+ "\",\"token_type\":\"Bearer\",\"issued_at\":\"1767225600000\"}");
	}

	static ResponseDefinitionBuilder errorReply(int status, String errorCode) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"[{\"message\":\"" + errorCode + " happened\",\"errorCode\":\"" + errorCode + "\",\"fields\":[]}]");
	}

	/**
	 * The Salesforce beans of the application, wired by hand.
	 */
	record Wiring(SalesforceAuthenticator authenticator, SalesforceTransport transport, SalesforceClient client,
			SalesforceCallMetrics metrics, MeterRegistry registry, CircuitBreakerRegistry circuitBreakers) {

		static Wiring of(SalesforceProperties properties) {
			MeterRegistry registry = new SimpleMeterRegistry();
			SalesforceCallMetrics metrics = new SalesforceCallMetrics(registry);
			SalesforceAuthenticator authenticator = new SalesforceAuthenticator(properties, metrics, Clock.systemUTC());
			SalesforceTransport transport = new SalesforceTransport(properties, authenticator, metrics);
			CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
			SalesforceClient client = new SalesforceClient(properties, transport, circuitBreakers);
			return new Wiring(authenticator, transport, client, metrics, registry, circuitBreakers);
		}

		double calls(String kind, String outcome) {
			Counter counter = this.registry.find(SalesforceCallMetrics.CALLS)
				.tag("kind", kind)
				.tag("outcome", outcome)
				.counter();
			return (counter != null) ? counter.count() : 0;
		}

	}

}
