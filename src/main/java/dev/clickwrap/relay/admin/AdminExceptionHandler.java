package dev.clickwrap.relay.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clickwrap.relay.events.InvalidEventException;
import dev.clickwrap.relay.events.MalformedBodyException;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a failed admin request with {@code application/problem+json}. Errors of Spring
 * MVC itself (an unsupported content type, a wrong method) are answered the same way by
 * Spring Boot's problem details handler.
 */
@RestControllerAdvice(assignableTypes = { AdminEventController.class, AdminPreviewController.class })
class AdminExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(AdminExceptionHandler.class);

	/**
	 * How long an operator is asked to wait before trying again while storage is down.
	 */
	static final int RETRY_AFTER_SECONDS = 30;

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(EventNotFoundException ex) {
		ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Event not found", ex.getMessage());
		problem.setProperty("eventId", ex.eventId());
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> replayRefused(ReplayRefusedException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Event cannot be replayed", ex.getMessage());
		problem.setProperty("eventId", ex.eventId());
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidParameter(InvalidAdminRequestException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request parameter", ex.getMessage());
		problem.setProperty("parameter", ex.parameter());
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> malformedBody(MalformedBodyException ex) {
		return answer(problem(HttpStatus.BAD_REQUEST, "Malformed webhook body", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidEvent(InvalidEventException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Incomplete webhook event", ex.getMessage());
		problem.setProperty("missingFields", ex.missingFields());
		problem.setProperty("invalidFields", ex.invalidFields());
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notAnAgreement(NotAnAgreementException ex) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "Not an agreement", ex.getMessage());
		problem.setProperty("eventType", ex.eventType());
		return answer(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException ex) {
		return answer(problem(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large", ex.getMessage()));
	}

	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> storageUnavailable(RuntimeException ex) {
		logger.warn("An admin request failed, storage is unavailable: {}", ex.getClass().getSimpleName());
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "Storage unavailable",
				"The event store cannot be reached; try again later");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
			.body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
