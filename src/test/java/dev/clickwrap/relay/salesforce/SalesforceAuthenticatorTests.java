package dev.clickwrap.relay.salesforce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class SalesforceAuthenticatorTests {

	@RegisterExtension
	static final WireMockExtension salesforce = SalesforceStubs.server();

	@TempDir
	Path keyDirectory;

	@Test
	void clientCredentialsFlowPostsClientIdAndSecret() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));

		SalesforceSession session = wiring.authenticator().session();

		assertThat(session.accessToken()).isEqualTo("token-1");
		assertThat(session.instanceUrl()).isEqualTo(SalesforceStubs.baseUrl(salesforce));
		assertThat(form(onlyTokenRequest())).containsExactlyInAnyOrderEntriesOf(
				Map.of("grant_type", "client_credentials", "client_id", "relay-client", "client_secret", "s3cret"));
	}

	@Test
	void passwordFlowPostsTheUsersCredentials() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce, "auth",
				"password", "username", "integration@acme.example", "password", "pw+token"));

		wiring.authenticator().session();

		assertThat(form(onlyTokenRequest()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("grant_type", "password", "client_id", "relay-client",
					"client_secret", "s3cret", "username", "integration@acme.example", "password", "pw+token"));
	}

	@Test
	void jwtBearerFlowPostsAnAssertionSignedWithThePrivateKey() throws Exception {
		KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
		Path keyFile = this.keyDirectory.resolve("relay.key");
		Files.writeString(keyFile,
				"-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
						+ "\n-----END PRIVATE KEY-----\n");
		SalesforceStubs.stubToken(salesforce, "token-1");
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs
			.properties(Map.of("login-url", SalesforceStubs.baseUrl(salesforce), "client-id", "relay-client", "auth",
					"jwt-bearer", "username", "integration@acme.example", "private-key-file", keyFile.toString())));

		wiring.authenticator().session();

		Map<String, String> form = form(onlyTokenRequest());
		assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
			.doesNotContainKey("client_secret");
		String[] jwt = form.get("assertion").split("\\.");
		assertThat(jwt).hasSize(3);
		Signature signature = Signature.getInstance("SHA256withRSA");
		signature.initVerify(keys.getPublic());
		signature.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(signature.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
		ObjectMapper mapper = new ObjectMapper();
		assertThat(mapper.readTree(Base64.getUrlDecoder().decode(jwt[0])).path("alg").asText()).isEqualTo("RS256");
		JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(jwt[1]));
		assertThat(claims.path("iss").asText()).isEqualTo("relay-client");
		assertThat(claims.path("sub").asText()).isEqualTo("integration@acme.example");
		assertThat(claims.path("aud").asText()).isEqualTo(SalesforceStubs.baseUrl(salesforce));
		assertThat(claims.path("exp").asLong()).isCloseTo(Instant.now().plusSeconds(180).getEpochSecond(), within(10L));
	}

	@Test
	void jwtBearerFlowWithAnUnreadableKeyFileStopsStartUpNamingTheProperty() {
		SalesforceProperties properties = SalesforceStubs.properties(Map.of("login-url",
				SalesforceStubs.baseUrl(salesforce), "client-id", "relay-client", "auth", "jwt-bearer", "username",
				"integration@acme.example", "private-key-file", this.keyDirectory.resolve("missing.key").toString()));

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> SalesforceStubs.Wiring.of(properties))
			.withMessageContaining("relay.salesforce.private-key-file");
	}

	@Test
	void tokenIsReusedAcrossCalls() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));

		wiring.authenticator().session();
		SalesforceSession second = wiring.authenticator().session();

		assertThat(second.accessToken()).isEqualTo("token-1");
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH)))).hasSize(1);
		assertThat(wiring.calls("token", "success")).isEqualTo(1);
	}

	@Test
	void renewingAStaleSessionThatWasAlreadyReplacedReusesTheReplacement() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));
		SalesforceSession stale = wiring.authenticator().session();
		SalesforceStubs.stubToken(salesforce, "token-2");

		SalesforceSession renewed = wiring.authenticator().renew(stale);
		SalesforceSession renewedAgain = wiring.authenticator().renew(stale);

		assertThat(renewed.accessToken()).isEqualTo("token-2");
		assertThat(renewedAgain).isSameAs(renewed);
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH)))).hasSize(2);
	}

	@Test
	void refusedCredentialsRaiseAnAuthenticationErrorWithTheOAuthCodeButNotTheSecret() {
		salesforce.stubFor(post(urlEqualTo(SalesforceStubs.TOKEN_PATH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}")));
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));

		assertThatExceptionOfType(SalesforceAuthenticationException.class)
			.isThrownBy(() -> wiring.authenticator().session())
			.isInstanceOf(TransientSalesforceException.class)
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_grant"))
			.withMessageContaining("authentication failure")
			.withMessageNotContaining("s3cret");
		assertThat(wiring.calls("token", "permanent")).isEqualTo(1);
	}

	@Test
	void unreachableTokenEndpointIsTransient() {
		// Port 1 on loopback: nothing listens there, so the connection is refused at once
		SalesforceStubs.Wiring unreachable = SalesforceStubs.Wiring.of(SalesforceStubs.properties(
				Map.of("login-url", "http://127.0.0.1:1", "client-id", "relay-client", "client-secret", "s3cret")));

		assertThatExceptionOfType(TransientSalesforceException.class)
			.isThrownBy(() -> unreachable.authenticator().session())
			.satisfies((ex) -> assertThat(ex.getHttpStatus()).isZero());
		assertThat(unreachable.calls("token", "transient")).isEqualTo(1);
	}

	private static LoggedRequest onlyTokenRequest() {
		assertThat(salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH)))).hasSize(1);
		return salesforce.findAll(postRequestedFor(urlEqualTo(SalesforceStubs.TOKEN_PATH))).get(0);
	}

	private static Map<String, String> form(LoggedRequest request) {
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		Map<String, String> form = new LinkedHashMap<>();
		for (String field : request.getBodyAsString().split("&")) {
			String[] pair = field.split("=", 2);
			form.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
		}
		return form;
	}

}
