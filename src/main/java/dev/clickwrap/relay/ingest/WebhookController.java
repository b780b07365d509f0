package dev.clickwrap.relay.ingest;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The URL registered on the Clickwrap integrations page. The body is read here rather
 * than bound by Spring MVC so that authentication, size and content type are checked, in
 * that order, before any of it is parsed.
 */
@RestController
class WebhookController {

	static final String TOKEN_HEADER = "Pactsafe-Webhook-Token";

	private final WebhookIngest ingest;

	WebhookController(WebhookIngest ingest) {
		this.ingest = ingest;
	}

	@PostMapping(path = "/webhooks/clickwrap")
	@ResponseStatus(HttpStatus.ACCEPTED)
	IngestReceipt receive(@RequestHeader(name = TOKEN_HEADER, required = false) String token,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
			HttpServletRequest request) throws IOException {
		return this.ingest.receive(new WebhookIngest.Webhook(token, contentType, request.getContentLengthLong(),
				request.getInputStream()));
	}

}
