package dev.clickwrap.relay.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SalesforcePropertiesTests {

	private final ApplicationContextRunner salesforceBeans = new ApplicationContextRunner()
		.withUserConfiguration(SalesforceBeans.class)
		.withBean(SimpleMeterRegistry.class)
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(ThreadPoolTaskScheduler.class)
		.withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
		.withBean(SalesforceCallMetrics.class)
		.withBean(SalesforceAuthenticator.class)
		.withBean(SalesforceTransport.class)
		.withBean(SalesforceLimitsPoller.class)
		.withBean(SalesforceClient.class);

	@Test
	void theSalesforceBeansStartWithoutAnyConfiguration() {
		this.salesforceBeans.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SalesforceClient.class).isConfigured()).isFalse();
		});
	}

	@Test
	void anIncompleteConfigurationStopsStartUpNamingTheMissingProperty() {
		this.salesforceBeans
			.withPropertyValues("relay.salesforce.login-url=https://acme.my.salesforce.com",
					"relay.salesforce.client-id=relay-client", "relay.salesforce.auth=jwt-bearer",
					"relay.salesforce.username=integration@acme.example")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("relay.salesforce.private-key-file"));
	}

	@Test
	void withoutLoginUrlAndClientIdSalesforceIsNotConfiguredAndDefaultsApply() {
		SalesforceProperties properties = SalesforceStubs.properties(Map.of());

		assertThat(properties.isConfigured()).isFalse();
		assertThat(properties.auth()).isEqualTo(SalesforceProperties.AuthFlow.CLIENT_CREDENTIALS);
		assertThat(properties.apiVersion()).isEqualTo("v66.0");
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.limitsPollInterval()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void clientCredentialsWithSecretIsConfigured() {
		SalesforceProperties properties = SalesforceStubs.properties(Map.of("login-url",
				"https://acme.my.salesforce.com/", "client-id", "relay-client", "client-secret", "s3cret"));

		assertThat(properties.isConfigured()).isTrue();
		assertThat(properties.tokenUrl()).isEqualTo("https://acme.my.salesforce.com/services/oauth2/token");
	}

	@Test
	void jwtBearerWithoutKeyFileIsRejectedNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> SalesforceStubs.properties(Map.of("login-url", "https://acme.my.salesforce.com",
					"client-id", "relay-client", "auth", "jwt-bearer", "username", "integration@acme.example")))
			.havingRootCause()
			.withMessageContaining("relay.salesforce.private-key-file")
			.withMessageNotContaining("relay.salesforce.username");
	}

	@Test
	void passwordFlowWithoutUsernameIsRejectedNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> SalesforceStubs.properties(Map.of("login-url", "https://acme.my.salesforce.com",
					"client-id", "relay-client", "auth", "password", "client-secret", "s3cret", "password", "pw")))
			.havingRootCause()
			.withMessageContaining("relay.salesforce.username");
	}

	@Test
	void loginUrlWithoutClientIdIsRejectedRatherThanSilentlyNotDelivering() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> SalesforceStubs.properties(Map.of("login-url", "https://acme.my.salesforce.com")))
			.havingRootCause()
			.withMessageContaining("relay.salesforce.client-id");
	}

	@Test
	void descriptionLeavesOutSecretAndPassword() {
		SalesforceProperties properties = SalesforceStubs.properties(
				Map.of("login-url", "https://acme.my.salesforce.com", "client-id", "relay-client", "auth", "password",
						"client-secret", "s3cret", "username", "integration@acme.example", "password", "pw-and-token"));

		assertThat(properties.toString()).contains("relay-client").doesNotContain("s3cret", "pw-and-token");
	}

	@Test
	void dataPathPutsTheApiVersionInFront() {
		SalesforceProperties properties = SalesforceStubs.properties(Map.of("api-version", "v67.0"));

		assertThat(properties.dataPath("composite")).isEqualTo("/services/data/v67.0/composite");
		assertThat(properties.dataPath("/limits")).isEqualTo("/services/data/v67.0/limits");
	}

	@EnableConfigurationProperties(SalesforceProperties.class)
	static class SalesforceBeans {

	}

}
