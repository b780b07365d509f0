package dev.clickwrap.relay.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import dev.clickwrap.relay.delivery.DeliveryPreview;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.events.ClickwrapEvent;
import dev.clickwrap.relay.events.ClickwrapEventParser;
import dev.clickwrap.relay.ingest.IngestProperties;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows what a webhook body would make the relay write to Salesforce, so that a mapping
 * can be checked against a real body before any event flows. Stores nothing and sends
 * nothing. The body is read here rather than bound by Spring MVC so that its size is
 * checked before it is held in memory.
 */
@RestController
class AdminPreviewController {

	private final ClickwrapEventParser parser;

	private final DeliveryPreview delivery;

	private final long maxBodySize;

	AdminPreviewController(ClickwrapEventParser parser, DeliveryPreview delivery, IngestProperties ingest) {
		this.parser = parser;
		this.delivery = delivery;
		this.maxBodySize = ingest.maxBodySize().toBytes();
	}

	@PostMapping(path = "/admin/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
	PreviewAnswer preview(HttpServletRequest request) throws IOException {
		ClickwrapEvent event = this.parser.parse(readBody(request));
		if (!(event instanceof ActivityAgreed agreement)) {
			throw new NotAnAgreementException(event.eventType());
		}
		DeliveryPreview.Preview preview = this.delivery.preview(agreement);
		return new PreviewAnswer(agreement.notificationId(),
				preview.calls().stream().map(PreviewAnswer.CompositeBody::of).toList(), preview.skipped());
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > this.maxBodySize) {
			throw new BodyTooLargeException(this.maxBodySize);
		}
		byte[] body = request.getInputStream().readNBytes((int) this.maxBodySize + 1);
		if (body.length > this.maxBodySize) {
			throw new BodyTooLargeException(this.maxBodySize);
		}
		return body;
	}

}
