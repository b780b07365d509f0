package dev.clickwrap.relay.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Salesforce record to write for an agreement: an update by Id or an upsert by
 * external id, with the fields to set.
 *
 * @param target the name of the mapping target that produced this write, for logs and
 * delivery records
 * @param sobject the API name of the Salesforce object, e.g. {@code Opportunity}
 * @param key how the record is found
 * @param fields Salesforce field API name to JSON-ready value ({@link String},
 * {@link Long} or {@link Boolean}), in the order the mapping lists them; never empty,
 * never a {@code null} value
 */
public record SalesforceWrite(String target, String sobject, RecordKey key, Map<String, Object> fields) {

	public SalesforceWrite {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(sobject, "sobject");
		Objects.requireNonNull(key, "key");
		if (fields.isEmpty()) {
			throw new IllegalArgumentException("A write of target '" + target + "' needs at least one field");
		}
		fields.forEach((field, value) -> Objects.requireNonNull(value, () -> "Value of field " + field));
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

}
