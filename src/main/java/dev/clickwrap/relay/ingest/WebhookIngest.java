package dev.clickwrap.relay.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.events.ClickwrapEvent;
import dev.clickwrap.relay.events.ClickwrapEventParser;
import dev.clickwrap.relay.events.InvalidEventException;
import dev.clickwrap.relay.events.MalformedBodyException;
import dev.clickwrap.relay.ingest.WebhookRejectedException.Rejection;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.store.GroupCommit;
import dev.clickwrap.relay.store.NewEvent;
import dev.clickwrap.relay.store.StoredEvent;
import dev.clickwrap.relay.system.EventLogContext;

import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Takes one webhook from the wire to storage: authenticate, check the body, parse it and
 * store the event. It returns only once the event is committed, so a 2xx always means the
 * event is safe.
 */
@Service
class WebhookIngest {

	private static final Logger logger = LoggerFactory.getLogger(WebhookIngest.class);

	private final WebhookTokenVerifier tokenVerifier;

	private final ClickwrapEventParser parser;

	private final GroupCommit store;

	private final IngestMetrics metrics;

	private final int maxBodySize;

	private final boolean storeIgnoredEvents;

	WebhookIngest(WebhookTokenVerifier tokenVerifier, ClickwrapEventParser parser, GroupCommit store,
			IngestMetrics metrics, IngestProperties properties) {
		this.tokenVerifier = tokenVerifier;
		this.parser = parser;
		this.store = store;
		this.metrics = metrics;
		this.maxBodySize = (int) properties.maxBodySize().toBytes();
		this.storeIgnoredEvents = properties.storeIgnoredEvents();
	}

	IngestReceipt receive(Webhook webhook) {
		Timer.Sample sample = this.metrics.start();
		String eventType = null;
		try {
			authenticate(webhook.token());
			checkContentType(webhook.contentType());
			byte[] body = readBody(webhook);
			ClickwrapEvent event = parse(body);
			eventType = event.eventType();
			IngestReceipt receipt = store(event, body);
			this.metrics.accepted(sample, eventType, receipt.outcome());
			return receipt;
		}
		catch (WebhookRejectedException ex) {
			this.metrics.rejected(sample, (eventType != null) ? eventType : ex.claimedEventType(), ex.rejection());
			throw ex;
		}
	}

	private void authenticate(String token) {
		if (!this.tokenVerifier.isAccepted(token)) {
			throw new WebhookRejectedException(Rejection.UNAUTHORIZED,
					"The Pactsafe-Webhook-Token header is missing or does not match an accepted token");
		}
	}

	private void checkContentType(String contentType) {
		if (contentType == null) {
			throw new WebhookRejectedException(Rejection.UNSUPPORTED_MEDIA_TYPE,
					"A Content-Type of application/json is required");
		}
		try {
			MediaType mediaType = MediaType.parseMediaType(contentType);
			boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(mediaType)
					|| mediaType.getSubtype().endsWith("+json");
			boolean utf8 = mediaType.getCharset() == null || StandardCharsets.UTF_8.equals(mediaType.getCharset());
			if (json && utf8 && !mediaType.isWildcardType() && !mediaType.isWildcardSubtype()) {
				return;
			}
		}
		catch (IllegalArgumentException ex) {
			// an unreadable Content-Type is refused below like any other non-JSON type
		}
		throw new WebhookRejectedException(Rejection.UNSUPPORTED_MEDIA_TYPE,
				"Only application/json in UTF-8 is accepted");
	}

	private byte[] readBody(Webhook webhook) {
		if (webhook.contentLength() > this.maxBodySize) {
			throw tooLarge();
		}
		try {
			byte[] body = webhook.body().readNBytes(this.maxBodySize + 1);
			if (body.length > this.maxBodySize) {
				throw tooLarge();
			}
			return body;
		}
		catch (IOException ex) {
			throw new WebhookRejectedException(Rejection.MALFORMED, "The body could not be read to its end", ex);
		}
	}

	private WebhookRejectedException tooLarge() {
		return new WebhookRejectedException(Rejection.TOO_LARGE,
				"The body is larger than the limit of " + this.maxBodySize + " bytes");
	}

	private ClickwrapEvent parse(byte[] body) {
		try {
			return this.parser.parse(body);
		}
		catch (MalformedBodyException ex) {
			throw new WebhookRejectedException(Rejection.MALFORMED, ex.getMessage(), ex);
		}
		catch (InvalidEventException ex) {
			throw new WebhookRejectedException(Rejection.INVALID, ex.getMessage(), ex, ex.eventType());
		}
	}

	private IngestReceipt store(ClickwrapEvent event, byte[] body) {
		boolean delivered = event instanceof ActivityAgreed;
		if (!delivered && !this.storeIgnoredEvents) {
			return new IngestReceipt(IngestOutcome.IGNORED, null);
		}
		EventStatus status = delivered ? EventStatus.WAITING : EventStatus.IGNORED;
		StoredEvent stored;
		try {
			stored = this.store.store(new NewEvent(event, new String(body, StandardCharsets.UTF_8), status));
		}
		catch (DataAccessException | TransactionException ex) {
			logger.warn("Could not store a {} event, answering 503: {}", IngestMetrics.label(event.eventType()),
					ex.getMostSpecificCause().getClass().getSimpleName());
			throw new WebhookRejectedException(Rejection.STORAGE_UNAVAILABLE,
					"The event could not be stored; send it again later", ex);
		}
		if (stored.duplicate()) {
			logger.debug("Event {} received again; already stored", stored.id());
			return new IngestReceipt(IngestOutcome.DUPLICATE, stored.id());
		}
		IngestOutcome outcome = delivered ? IngestOutcome.QUEUED : IngestOutcome.IGNORED;
		try (MDC.MDCCloseable logContext = EventLogContext.forEvent(stored.id())) {
			logger.info("Accepted {} event {}: {}", IngestMetrics.label(event.eventType()), stored.id(),
					outcome.label());
		}
		return new IngestReceipt(outcome, stored.id());
	}

	/**
	 * One webhook request as it came off the wire.
	 *
	 * @param token the {@code Pactsafe-Webhook-Token} header, or {@code null}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param contentLength the declared length, or -1 when unknown
	 * @param body the unread body
	 */
	record Webhook(String token, String contentType, long contentLength, InputStream body) {
	}

}
