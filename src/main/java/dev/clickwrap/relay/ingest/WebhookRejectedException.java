package dev.clickwrap.relay.ingest;

import org.springframework.http.HttpStatus;

/**
 * A webhook that is answered with an error and stores nothing.
 */
class WebhookRejectedException extends RuntimeException {

	private final Rejection rejection;

	private final String claimedEventType;

	WebhookRejectedException(Rejection rejection, String detail) {
		this(rejection, detail, null);
	}

	WebhookRejectedException(Rejection rejection, String detail, Throwable cause) {
		this(rejection, detail, cause, null);
	}

	WebhookRejectedException(Rejection rejection, String detail, Throwable cause, String claimedEventType) {
		super(detail, cause);
		this.rejection = rejection;
		this.claimedEventType = claimedEventType;
	}

	Rejection rejection() {
		return this.rejection;
	}

	/**
	 * The event type the refused body named, when it was read that far.
	 * @return the claimed event type, or {@code null}
	 */
	String claimedEventType() {
		return this.claimedEventType;
	}

	/**
	 * Why a webhook was refused, with the status it is answered with and the label it is
	 * counted under.
	 */
	enum Rejection {

		UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong webhook token"),

		UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Body is not JSON"),

		TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "too_large", "Body too large"),

		MALFORMED(HttpStatus.BAD_REQUEST, "malformed", "Malformed webhook body"),

		INVALID(HttpStatus.BAD_REQUEST, "invalid", "Incomplete webhook event"),

		STORAGE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "storage_unavailable", "Storage unavailable");

		private final HttpStatus status;

		private final String label;

		private final String title;

		Rejection(HttpStatus status, String label, String title) {
			this.status = status;
			this.label = label;
			this.title = title;
		}

		HttpStatus status() {
			return this.status;
		}

		String label() {
			return this.label;
		}

		String title() {
			return this.title;
		}

	}

}
