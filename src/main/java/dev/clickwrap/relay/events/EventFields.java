package dev.clickwrap.relay.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one body and remembers which were missing or malformed, so that one
 * answer can name them all.
 */
final class EventFields {

	private final JsonNode root;

	private final List<String> missing = new ArrayList<>();

	private final List<String> invalid = new ArrayList<>();

	EventFields(JsonNode root) {
		this.root = root;
	}

	String requiredText(String name) {
		return required(name, optionalText(name));
	}

	/**
	 * Like {@link #requiredText(String)}, but a number is refused: an event type is a
	 * name, never a number.
	 */
	String requiredString(String name) {
		JsonNode node = present(name);
		return (node != null && !node.isTextual()) ? markInvalid(name) : requiredText(name);
	}

	Long requiredInteger(String name) {
		return required(name, optionalInteger(name));
	}

	Instant requiredInstant(String name) {
		return required(name, optionalInstant(name));
	}

	String optionalText(String name) {
		JsonNode node = present(name);
		if (node == null) {
			return null;
		}
		if (node.isTextual() && isPlainText(node.asText())) {
			return node.asText();
		}
		if (node.isIntegralNumber()) {
			return node.asText();
		}
		return markInvalid(name);
	}

	Long optionalInteger(String name) {
		JsonNode node = present(name);
		if (node == null) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isTextual()) {
			try {
				return Long.valueOf(node.asText().trim());
			}
			catch (NumberFormatException ex) {
				return markInvalid(name);
			}
		}
		return markInvalid(name);
	}

	Instant optionalInstant(String name) {
		JsonNode node = present(name);
		if (node == null) {
			return null;
		}
		if (node.isTextual()) {
			try {
				return OffsetDateTime.parse(node.asText()).toInstant();
			}
			catch (DateTimeParseException ex) {
				return markInvalid(name);
			}
		}
		return markInvalid(name);
	}

	Map<String, String> optionalObjectAsText(String name) {
		JsonNode node = present(name);
		if (node == null) {
			return Map.of();
		}
		if (!node.isObject()) {
			markInvalid(name);
			return Map.of();
		}
		Map<String, String> values = new LinkedHashMap<>();
		node.fields().forEachRemaining((entry) -> {
			JsonNode value = entry.getValue();
			if (!value.isNull()) {
				values.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
			}
		});
		return values;
	}

	/**
	 * Whether a text is fit to be an id: not blank, not too long, no control characters
	 * (PostgreSQL refuses a NUL) and no unpaired surrogate (which cannot be written as
	 * UTF-8, so would be stored altered).
	 */
	private static boolean isPlainText(String text) {
		if (text.isBlank() || text.length() > ClickwrapEventParser.MAX_TEXT_LENGTH) {
			return false;
		}
		return text.codePoints()
			.noneMatch((codePoint) -> Character.isISOControl(codePoint)
					|| Character.getType(codePoint) == Character.SURROGATE);
	}

	void throwIfInvalid(String eventType) {
		if (!this.missing.isEmpty() || !this.invalid.isEmpty()) {
			throw invalid(eventType);
		}
	}

	InvalidEventException invalid(String eventType) {
		return new InvalidEventException(eventType, this.missing, this.invalid);
	}

	private JsonNode present(String name) {
		JsonNode node = this.root.get(name);
		return (node == null || node.isNull()) ? null : node;
	}

	private <T> T required(String name, T value) {
		if (value == null && present(name) == null) {
			this.missing.add(name);
		}
		return value;
	}

	private <T> T markInvalid(String name) {
		this.invalid.add(name);
		return null;
	}

}
