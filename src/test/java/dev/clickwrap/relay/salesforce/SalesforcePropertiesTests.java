package dev.clickwrap.relay.salesforce;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SalesforcePropertiesTests {

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
		SalesforceProperties properties = SalesforceStubs.properties(Map.of("login-url",
				"https://acme.my.salesforce.com", "client-id", "relay-client", "auth", "password", "client-secret",
				"s3cret", "username", "integration@acme.example", "password", "pw-and-token"));

		assertThat(properties.toString()).contains("relay-client").doesNotContain("s3cret", "pw-and-token");
	}

	@Test
	void dataPathPutsTheApiVersionInFront() {
		SalesforceProperties properties = SalesforceStubs.properties(Map.of("api-version", "v67.0"));

		assertThat(properties.dataPath("composite")).isEqualTo("/services/data/v67.0/composite");
		assertThat(properties.dataPath("/limits")).isEqualTo("/services/data/v67.0/limits");
	}

}
