package dev.clickwrap.relay.salesforce;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The first error Salesforce reported in a reply body. Reads the shapes Salesforce uses:
 * single-resource errors {@code [{"errorCode","message","fields"}]}, sObject collection
 * results {@code {"success":false,"errors":[...]}} whose errors carry {@code statusCode}
 * instead of {@code errorCode}, a bare error object, and the OAuth shape
 * {@code {"error","error_description"}}. A 300 reply lists the matching records instead
 * of an error.
 *
 * @param errorCode the error code, such as {@code INVALID_FIELD}; {@code null} when the
 * body named none
 * @param message Salesforce's explanation; may quote values from the request, so keep it
 * out of logs
 * @param fields the fields the error concerns, if any
 */
public record SalesforceError(String errorCode, String message, List<String> fields) {

	public SalesforceError {
		fields = (fields != null) ? List.copyOf(fields) : List.of();
	}

	/**
	 * Read the first error from a reply body.
	 * @param httpStatus the status that came with the body
	 * @param body the body, or {@code null} when it was empty or not JSON
	 * @return the error; with a {@code null} code and a generic message when the body
	 * describes none
	 */
	public static SalesforceError from(int httpStatus, JsonNode body) {
		if (httpStatus == SalesforceErrorClassifier.MULTIPLE_CHOICES) {
			int matches = (body != null && body.isArray()) ? body.size() : 0;
			return new SalesforceError(null,
					"Several records match the external id (" + matches + " matches); nothing was written", null);
		}
		JsonNode first = firstError(body);
		if (first == null) {
			return new SalesforceError(null, "HTTP " + httpStatus + " without error details", null);
		}
		String code = text(first, "errorCode");
		if (code == null) {
			code = text(first, "statusCode");
		}
		if (code == null) {
			code = text(first, "error");
		}
		String message = text(first, "message");
		if (message == null) {
			message = text(first, "error_description");
		}
		return new SalesforceError(code, (message != null) ? message : "HTTP " + httpStatus, fields(first));
	}

	private static JsonNode firstError(JsonNode body) {
		if (body == null) {
			return null;
		}
		if (body.isArray()) {
			JsonNode first = body.path(0);
			return first.isObject() ? first : null;
		}
		if (body.has("errors") && body.get("errors").isArray()) {
			return firstError(body.get("errors"));
		}
		return body.isObject() ? body : null;
	}

	private static String text(JsonNode node, String name) {
		JsonNode value = node.get(name);
		return (value != null && value.isValueNode() && !value.isNull()) ? value.asText() : null;
	}

	private static List<String> fields(JsonNode error) {
		List<String> fields = new ArrayList<>();
		error.path("fields").forEach((field) -> fields.add(field.asText()));
		return fields;
	}

}
