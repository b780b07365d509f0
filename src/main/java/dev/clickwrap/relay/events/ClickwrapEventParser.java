package dev.clickwrap.relay.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns a webhook body into a typed {@link ClickwrapEvent}. No schema is published for
 * these bodies, so binding is lenient: unknown fields are ignored and ids may come as
 * strings or numbers. What an event type needs must be there, though, and with the right
 * type.
 */
@Component
public class ClickwrapEventParser {

	/**
	 * Real bodies are a flat object with one nested {@code custom_data}; anything deeper
	 * is hostile.
	 */
	static final int MAX_NESTING_DEPTH = 32;

	/** A Clickwrap id is a short integer; a longer number is not one. */
	static final int MAX_NUMBER_LENGTH = 64;

	/**
	 * Ids and names in real bodies are short; a longer one is refused rather than
	 * truncated.
	 */
	static final int MAX_TEXT_LENGTH = 255;

	private static final List<String> SIGNATURE_REQUEST_TYPES = List.of("request_sent", "request_signed",
			"request_complete", "request_expired");

	private final ObjectMapper mapper;

	public ClickwrapEventParser() {
		JsonFactory factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(MAX_NESTING_DEPTH)
				.maxNumberLength(MAX_NUMBER_LENGTH)
				.build())
			.build();
		this.mapper = JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
	}

	/**
	 * Parses a webhook body.
	 * @param body the raw body, UTF-8 JSON
	 * @return the event it describes
	 * @throws MalformedBodyException if the body is not a single UTF-8 JSON object
	 * @throws InvalidEventException if the event lacks what its type needs
	 */
	public ClickwrapEvent parse(byte[] body) {
		return toEvent(readObject(decodeUtf8(body)));
	}

	/**
	 * Decodes strictly, because the JSON parser alone would take overlong forms, encoded
	 * surrogates and UTF-16 with or without a byte order mark, and PostgreSQL then
	 * refuses what they decode to (such as a NUL) as a storage failure instead of a bad
	 * request.
	 */
	private static String decodeUtf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedBodyException("The body is not well-formed UTF-8", ex);
		}
	}

	private JsonNode readObject(String body) {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
			throw new MalformedBodyException("The body is not well-formed UTF-8 JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (IOException ex) {
			throw new MalformedBodyException("The body could not be read as JSON", ex);
		}
		if (root == null || !root.isObject()) {
			throw new MalformedBodyException("The body must be a JSON object", null);
		}
		return root;
	}

	private ClickwrapEvent toEvent(JsonNode root) {
		EventFields fields = new EventFields(root);
		String eventType = fields.requiredString("event_type");
		if (eventType == null) {
			throw fields.invalid(null);
		}
		if (ActivityAgreed.EVENT_TYPE.equals(eventType)) {
			return agreement(fields);
		}
		ClickwrapEvent event = otherEvent(eventType, fields);
		fields.throwIfInvalid(eventType);
		return event;
	}

	private ActivityAgreed agreement(EventFields fields) {
		String id = fields.requiredText("id");
		Long site = fields.requiredInteger("site");
		String activity = fields.requiredText("activity");
		Long contract = fields.requiredInteger("contract");
		String version = fields.requiredText("version");
		Instant createdTime = fields.requiredInstant("created_time");
		Long group = fields.optionalInteger("group");
		String signerId = fields.optionalText("signer_id");
		Map<String, String> customData = fields.optionalObjectAsText("custom_data");
		fields.throwIfInvalid(ActivityAgreed.EVENT_TYPE);
		return new ActivityAgreed(id, site, activity, contract, version, group, signerId, customData, createdTime);
	}

	private ClickwrapEvent otherEvent(String eventType, EventFields fields) {
		if (eventType.startsWith("activity_")) {
			return new ActivityEvent(fields.requiredText("id"), eventType, fields.optionalInteger("site"),
					fields.optionalText("activity"), fields.optionalInstant("created_time"));
		}
		if (SIGNATURE_REQUEST_TYPES.contains(eventType)) {
			return new SignatureRequestEvent(fields.requiredText("id"), eventType, fields.optionalInteger("site"),
					fields.optionalText("request"), fields.optionalInstant("created_time"));
		}
		return switch (eventType) {
			case TestEvent.EVENT_TYPE -> new TestEvent(fields.requiredText("id"), fields.optionalInteger("site"),
					fields.optionalInstant("created_time"));
			case VersionPublished.EVENT_TYPE -> new VersionPublished(fields.requiredText("id"),
					fields.optionalInteger("site"), fields.optionalInteger("contract"), fields.optionalText("version"),
					fields.optionalInstant("created_time"));
			case GroupPublished.EVENT_TYPE ->
				new GroupPublished(fields.requiredText("id"), fields.optionalInteger("site"),
						fields.optionalInteger("group"), fields.optionalInstant("created_time"));
			default -> new UnrecognisedEvent(textOrEmpty(fields.optionalText("id")), eventType);
		};
	}

	private static String textOrEmpty(String value) {
		return (value != null) ? value : "";
	}

}
