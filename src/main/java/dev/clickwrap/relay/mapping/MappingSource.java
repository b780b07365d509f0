package dev.clickwrap.relay.mapping;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.clickwrap.relay.events.ActivityAgreed;

/**
 * Where the value of a mapped field or record key comes from: a value of the agreement
 * event, a {@code custom_data} entry, or a literal written in the mapping.
 */
final class MappingSource {

	static final String CUSTOM_DATA_PREFIX = "custom_data.";

	static final String LITERAL_PREFIX = "literal:";

	/**
	 * Salesforce reads any ISO-8601 date-time; a fixed millisecond precision keeps the
	 * text the same for every event and matches what Salesforce itself returns.
	 */
	private static final DateTimeFormatter SALESFORCE_DATE_TIME = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX")
		.withZone(ZoneOffset.UTC);

	private static final Map<String, Function<ActivityAgreed, Object>> EVENT_VALUES = eventValues();

	private final String expression;

	private final boolean literal;

	private final Function<ActivityAgreed, Object> reader;

	private MappingSource(String expression, boolean literal, Function<ActivityAgreed, Object> reader) {
		this.expression = expression;
		this.literal = literal;
		this.reader = reader;
	}

	private static Map<String, Function<ActivityAgreed, Object>> eventValues() {
		Map<String, Function<ActivityAgreed, Object>> values = new LinkedHashMap<>();
		values.put("signer_id", ActivityAgreed::signerId);
		values.put("created_time", (event) -> SALESFORCE_DATE_TIME.format(event.createdTime()));
		values.put("contract", ActivityAgreed::contract);
		values.put("version", ActivityAgreed::version);
		values.put("group", ActivityAgreed::group);
		values.put("activity", ActivityAgreed::activity);
		values.put("site", ActivityAgreed::site);
		return Map.copyOf(values);
	}

	/**
	 * Reads a source as written in the mapping.
	 * @param expression the source, e.g. {@code created_time}, {@code custom_data.title}
	 * or {@code literal:true}
	 * @param path the property path of the entry, for the error message
	 * @return the source
	 * @throws InvalidMappingException if the expression names no source
	 */
	static MappingSource parse(String expression, String path) {
		if (expression == null || expression.isBlank()) {
			throw new InvalidMappingException(path + ": no source is given (" + describeSources() + ")");
		}
		if (expression.startsWith(LITERAL_PREFIX)) {
			Object value = literalValue(expression.substring(LITERAL_PREFIX.length()));
			return new MappingSource(expression, true, (event) -> value);
		}
		if (expression.startsWith(CUSTOM_DATA_PREFIX)) {
			String key = expression.substring(CUSTOM_DATA_PREFIX.length());
			if (key.isBlank()) {
				throw new InvalidMappingException(path + ": source '" + expression + "' names no custom_data key");
			}
			return new MappingSource(expression, false, (event) -> event.customData().get(key));
		}
		Function<ActivityAgreed, Object> eventValue = EVENT_VALUES.get(expression);
		if (eventValue == null) {
			throw new InvalidMappingException(
					path + ": unknown source '" + expression + "' (" + describeSources() + ")");
		}
		return new MappingSource(expression, false, eventValue);
	}

	private static Object literalValue(String text) {
		return switch (text) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> text;
		};
	}

	private static String describeSources() {
		return "expected one of signer_id, created_time, contract, version, group, activity, site, "
				+ CUSTOM_DATA_PREFIX + "<key> or " + LITERAL_PREFIX + "<text>";
	}

	/**
	 * The value of this source in an agreement. A blank text counts as absent: Salesforce
	 * would store it as an empty field, and an empty record key would address no record.
	 * @param event the agreement
	 * @return the value, or empty if the event lacks it
	 */
	Optional<Object> valueIn(ActivityAgreed event) {
		Object value = this.reader.apply(event);
		if (value instanceof String text && text.isBlank() && !this.literal) {
			return Optional.empty();
		}
		return Optional.ofNullable(value);
	}

	boolean isLiteral() {
		return this.literal;
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
