package dev.clickwrap.relay.ingest;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the webhook endpoint decides what to accept.
 *
 * @param tokens the Secret Codes accepted in the {@code Pactsafe-Webhook-Token} header;
 * list the old and the new one together while a secret is rotated
 * @param allowUnauthenticated accept webhooks without a token; only for a relay that
 * nothing outside can reach
 * @param maxBodySize the largest body accepted
 * @param storeIgnoredEvents keep events that are never delivered (every type but
 * {@code activity_agreed}) for the record, until retention purges them
 */
@ConfigurationProperties("relay.ingest")
public record IngestProperties(@DefaultValue List<String> tokens, @DefaultValue("false") boolean allowUnauthenticated,
		@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("false") boolean storeIgnoredEvents) {

	public IngestProperties {
		tokens = tokens.stream().filter((token) -> token != null && !token.isBlank()).toList();
		if (tokens.isEmpty() && !allowUnauthenticated) {
			throw new IllegalArgumentException("No webhook token is configured: set relay.ingest.tokens to the "
					+ "Secret Code of the Clickwrap webhook, or set relay.ingest.allow-unauthenticated=true to accept "
					+ "webhooks from anyone");
		}
		if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("relay.ingest.max-body-size must be between 1B and 2GB");
		}
	}

}
