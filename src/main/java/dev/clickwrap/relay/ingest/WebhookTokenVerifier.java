package dev.clickwrap.relay.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Checks the {@code Pactsafe-Webhook-Token} header against the accepted tokens. Clickwrap
 * sends its Secret Code verbatim, so this is the whole of its authentication. Tokens are
 * compared by their SHA-256 digests in constant time, which hides both their content and
 * their length from a caller measuring response times.
 */
@Component
class WebhookTokenVerifier {

	private static final Logger logger = LoggerFactory.getLogger(WebhookTokenVerifier.class);

	private final List<byte[]> acceptedDigests;

	private final boolean allowUnauthenticated;

	WebhookTokenVerifier(IngestProperties properties) {
		this.acceptedDigests = properties.tokens().stream().map(WebhookTokenVerifier::digest).toList();
		this.allowUnauthenticated = properties.allowUnauthenticated();
		if (this.acceptedDigests.isEmpty()) {
			logger.warn("Webhook authentication is off (relay.ingest.allow-unauthenticated=true): "
					+ "anyone who can reach the relay can submit events");
		}
	}

	boolean isAccepted(String presentedToken) {
		if (this.acceptedDigests.isEmpty()) {
			return this.allowUnauthenticated;
		}
		byte[] presented = digest((presentedToken != null) ? presentedToken : "");
		boolean accepted = false;
		for (byte[] digest : this.acceptedDigests) {
			accepted |= MessageDigest.isEqual(digest, presented);
		}
		return accepted && presentedToken != null;
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
