package dev.clickwrap.relay.mapping;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which Salesforce records an agreement writes, and which of its values go into which
 * fields. Checked when it is bound, so that a mistake stops the relay at start-up with
 * the path of the offending entry rather than parking every delivery later.
 *
 * @param targets the records to write for each agreement, written in this order; a list
 * set in a higher-priority property source replaces this whole list
 */
@ConfigurationProperties("relay.mapping")
public record MappingProperties(@DefaultValue List<Target> targets) {

	private static final String PREFIX = "relay.mapping.targets";

	public MappingProperties {
		targets = List.copyOf(targets);
		Set<String> names = new HashSet<>();
		for (int index = 0; index < targets.size(); index++) {
			String path = PREFIX + "[" + index + "]";
			Target target = targets.get(index);
			target.validate(path);
			if (!names.add(target.name())) {
				throw new InvalidMappingException(
						path + ".name: '" + target.name() + "' is already the name of another target");
			}
		}
	}

	/**
	 * One Salesforce record written for each agreement. Set either {@code idFrom}, to
	 * update an existing record by its Salesforce Id, or {@code externalIdField} with
	 * {@code externalIdFrom}, to upsert by an external-id field. A source is
	 * {@code signer_id}, {@code created_time}, {@code contract}, {@code version},
	 * {@code group}, {@code activity}, {@code site}, {@code custom_data.<key>}, or
	 * {@code literal:<text>} for a fixed text ({@code literal:true} and
	 * {@code literal:false} are sent as booleans, for checkbox fields).
	 *
	 * @param name names the target in logs and delivery records: letters, digits,
	 * {@code -} and {@code _}, unique
	 * @param object the API name of the Salesforce object, e.g. {@code Opportunity} or
	 * {@code Acceptance__c}
	 * @param idFrom the source holding the Salesforce Id of the record to update; when
	 * the event lacks it, this target is skipped for that agreement
	 * @param externalIdField the API name of the external-id field to upsert on; mark it
	 * Unique in Salesforce
	 * @param externalIdFrom the source holding the external-id value; when the event
	 * lacks it, this target is skipped for that agreement
	 * @param fields Salesforce field API name to source, written in this order; a field
	 * whose source the event lacks is left out of the write
	 */
	public record Target(String name, String object, String idFrom, String externalIdField, String externalIdFrom,
			@DefaultValue Map<String, String> fields) {

		/**
		 * Letters, digits and single underscores; a custom name ends in a suffix and may
		 * start with a namespace.
		 */
		private static final Pattern API_NAME = Pattern.compile(
				"(?:(?:N__)?N__[cr])|N".replace("N", "[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*"),
				Pattern.CASE_INSENSITIVE);

		/** Target names show up in logs and delivery records, so they stay plain. */
		private static final Pattern TARGET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

		public Target {
			fields = (fields != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(fields)) : Map.of();
		}

		/**
		 * Whether this target upserts by an external id rather than updating by
		 * Salesforce Id.
		 * @return {@code true} for an upsert
		 */
		public boolean upserts() {
			return this.idFrom == null;
		}

		void validate(String path) {
			if (this.name == null || !TARGET_NAME.matcher(this.name).matches()) {
				throw new InvalidMappingException(path + ".name: " + quote(this.name)
						+ " is not a target name (letters, digits, '-' and '_', starting with a letter or digit)");
			}
			requireApiName(this.object, path + ".object", "object");
			validateKey(path);
			if (this.fields.isEmpty()) {
				throw new InvalidMappingException(path + ".fields: at least one field is required");
			}
			Set<String> seen = new HashSet<>();
			this.fields.forEach((field, source) -> validateField(path + ".fields." + field, field, source, seen));
		}

		private void validateKey(String path) {
			boolean byId = this.idFrom != null;
			boolean byExternalId = this.externalIdField != null || this.externalIdFrom != null;
			if (byId == byExternalId) {
				String problem = byId ? "not both" : "but neither is set";
				throw new InvalidMappingException(path + ": set either id-from (update by Salesforce Id) or "
						+ "external-id-field with external-id-from (upsert), " + problem);
			}
			if (byId) {
				requireEventSource(this.idFrom, path + ".id-from");
				return;
			}
			if (this.externalIdField == null) {
				throw new InvalidMappingException(path + ".external-id-field: is required with external-id-from");
			}
			requireApiName(this.externalIdField, path + ".external-id-field", "field");
			if (this.externalIdFrom == null) {
				throw new InvalidMappingException(path + ".external-id-from: is required with external-id-field");
			}
			requireEventSource(this.externalIdFrom, path + ".external-id-from");
		}

		private void validateField(String path, String field, String source, Set<String> seen) {
			requireApiName(field, path, "field");
			if (field.equalsIgnoreCase("Id")) {
				throw new InvalidMappingException(
						path + ": the record Id cannot be written; use id-from to update " + "a record by its Id");
			}
			if (field.equalsIgnoreCase(this.externalIdField)) {
				throw new InvalidMappingException(
						path + ": is the external-id field of this target; its value " + "comes from external-id-from");
			}
			if (!seen.add(field.toLowerCase(Locale.ROOT))) {
				throw new InvalidMappingException(
						path + ": repeats another field of this target (Salesforce field names ignore case)");
			}
			MappingSource.parse(source, path);
		}

		private static void requireEventSource(String source, String path) {
			if (MappingSource.parse(source, path).isLiteral()) {
				throw new InvalidMappingException(path + ": a record key must come from the event, not a literal; "
						+ "with a literal every agreement would write the same record");
			}
		}

		private static void requireApiName(String name, String path, String kind) {
			if (name == null || !API_NAME.matcher(name).matches()) {
				throw new InvalidMappingException(path + ": " + quote(name) + " is not a Salesforce " + kind
						+ " API name (letters, digits and single underscores, starting with a letter, "
						+ "optionally ending in __c)");
			}
		}

		private static String quote(String text) {
			return (text != null) ? "'" + text + "'" : "nothing";
		}

	}

}
