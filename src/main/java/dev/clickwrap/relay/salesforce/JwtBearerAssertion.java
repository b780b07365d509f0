package dev.clickwrap.relay.salesforce;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Signs the assertion of the OAuth 2.0 JWT bearer flow with RS256, using only the JDK:
 * the header {@code {"alg":"RS256"}} and the claims Salesforce checks (issuer = client
 * id, subject = username, audience = login URL, a short expiry).
 */
class JwtBearerAssertion {

	/**
	 * How long an assertion stays valid; Salesforce allows at most a few minutes.
	 */
	static final Duration LIFETIME = Duration.ofMinutes(3);

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final String HEADER = BASE64URL
		.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));

	private final PrivateKey privateKey;

	private final String issuer;

	private final String subject;

	private final String audience;

	private final Clock clock;

	private final ObjectMapper objectMapper = new ObjectMapper();

	JwtBearerAssertion(PrivateKey privateKey, String issuer, String subject, String audience, Clock clock) {
		this.privateKey = privateKey;
		this.issuer = issuer;
		this.subject = subject;
		this.audience = audience;
		this.clock = clock;
	}

	String sign() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", this.issuer);
		claims.put("sub", this.subject);
		claims.put("aud", this.audience);
		claims.put("exp", this.clock.instant().plus(LIFETIME).getEpochSecond());
		try {
			String signingInput = HEADER + "." + BASE64URL.encodeToString(this.objectMapper.writeValueAsBytes(claims));
			Signature signature = Signature.getInstance("SHA256withRSA");
			signature.initSign(this.privateKey);
			signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(signature.sign());
		}
		catch (JsonProcessingException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign the JWT bearer assertion", ex);
		}
	}

	/**
	 * Read an unencrypted PKCS#8 RSA private key from a PEM file.
	 * @param file the PEM file
	 * @return the key
	 * @throws IllegalStateException naming the file when it cannot be read or holds no
	 * such key
	 */
	static PrivateKey readPrivateKey(Path file) {
		String pem;
		try {
			pem = Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read relay.salesforce.private-key-file '" + file + "'", ex);
		}
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw new IllegalStateException("relay.salesforce.private-key-file '" + file + "' holds no PKCS#8 key "
					+ "(BEGIN PRIVATE KEY); convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
		}
		String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
		try {
			byte[] der = Base64.getDecoder().decode(base64);
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new IllegalStateException(
					"relay.salesforce.private-key-file '" + file + "' does not hold a valid RSA private key", ex);
		}
	}

}
