package dev.clickwrap.relay.ingest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a refused webhook with {@code application/problem+json}.
 */
@RestControllerAdvice(assignableTypes = WebhookController.class)
class IngestExceptionHandler {

	/** How long a sender is asked to wait before sending again while storage is down. */
	static final int RETRY_AFTER_SECONDS = 30;

	@ExceptionHandler
	ResponseEntity<ProblemDetail> rejected(WebhookRejectedException ex) {
		HttpStatus status = ex.rejection().status();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		problem.setTitle(ex.rejection().title());
		problem.setProperty("reason", ex.rejection().label());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		}
		if (status == HttpStatus.UNAUTHORIZED) {
			response.header(HttpHeaders.WWW_AUTHENTICATE, "Pactsafe-Webhook-Token");
		}
		return response.body(problem);
	}

}
