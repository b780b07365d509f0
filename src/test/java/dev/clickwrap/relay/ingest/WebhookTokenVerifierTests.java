package dev.clickwrap.relay.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebhookTokenVerifierTests {

	@Test
	void acceptsEachConfiguredTokenAndNothingElse() {
		WebhookTokenVerifier verifier = new WebhookTokenVerifier(properties(List.of("first", "second"), false));

		assertThat(verifier.isAccepted("first")).isTrue();
		assertThat(verifier.isAccepted("second")).isTrue();
		assertThat(verifier.isAccepted("firs")).isFalse();
		assertThat(verifier.isAccepted("first ")).isFalse();
		assertThat(verifier.isAccepted("")).isFalse();
		assertThat(verifier.isAccepted(null)).isFalse();
	}

	@Test
	void blankConfiguredTokensAreNotTokens() {
		WebhookTokenVerifier verifier = new WebhookTokenVerifier(properties(List.of("real", " "), false));

		assertThat(verifier.isAccepted(" ")).isFalse();
		assertThat(verifier.isAccepted("")).isFalse();
	}

	@Test
	void withAuthenticationSwitchedOffAnyCallerIsAccepted() {
		WebhookTokenVerifier verifier = new WebhookTokenVerifier(properties(List.of(), true));

		assertThat(verifier.isAccepted(null)).isTrue();
	}

	@Test
	void configuredTokensStillApplyWhenUnauthenticatedWebhooksAreAllowed() {
		WebhookTokenVerifier verifier = new WebhookTokenVerifier(properties(List.of("real"), true));

		assertThat(verifier.isAccepted("wrong")).isFalse();
	}

	@Test
	void noTokenAndNoExplicitOptOutIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(" "), false))
			.withMessageContaining("relay.ingest.tokens")
			.withMessageContaining("relay.ingest.allow-unauthenticated");
	}

	private static IngestProperties properties(List<String> tokens, boolean allowUnauthenticated) {
		return new IngestProperties(tokens, allowUnauthenticated, DataSize.ofKilobytes(64), false);
	}

}
