package dev.clickwrap.relay.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clickwrap.relay.events.ActivityAgreed;

import org.springframework.stereotype.Component;

/**
 * Turns an agreement into the Salesforce writes that {@code relay.mapping} describes.
 * Pure and stateless: the same event always maps to the same writes, so a delivery can be
 * retried or replayed by mapping it again.
 */
@Component
public class AgreementMapper {

	private static final Logger logger = LoggerFactory.getLogger(AgreementMapper.class);

	/**
	 * A Salesforce record Id: 15 case-sensitive characters, or 18 with the
	 * case-insensitive checksum.
	 */
	private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?");

	private final List<PreparedTarget> targets;

	public AgreementMapper(MappingProperties properties) {
		this.targets = properties.targets().stream().map(PreparedTarget::of).toList();
		if (this.targets.isEmpty()) {
			logger.warn("relay.mapping.targets is empty: agreements will be delivered without writing to Salesforce");
		}
		else {
			logger.info("Agreements are written to Salesforce as {}",
					this.targets.stream().map(PreparedTarget::describe).collect(Collectors.joining(", ")));
		}
	}

	/**
	 * Maps one agreement.
	 * @param event the agreement
	 * @return one write per target whose record the event identifies, and the targets it
	 * does not
	 */
	public MappedAgreement map(ActivityAgreed event) {
		List<SalesforceWrite> writes = new ArrayList<>();
		List<SkippedTarget> skipped = new ArrayList<>();
		for (PreparedTarget target : this.targets) {
			Optional<String> keyValue = target.keySource().valueIn(event).map(String::valueOf);
			if (keyValue.isEmpty()) {
				skipped.add(new SkippedTarget(target.name(), target.keySource() + " is absent"));
				continue;
			}
			if (target.externalIdField() == null && !SALESFORCE_ID.matcher(keyValue.get()).matches()) {
				skipped.add(new SkippedTarget(target.name(),
						target.keySource() + " is not a Salesforce Id (15 or 18 letters and digits)"));
				continue;
			}

			Map<String, Object> fields = new LinkedHashMap<>();
			target.fields()
				.forEach((field, source) -> source.valueIn(event).ifPresent((value) -> fields.put(field, value)));
			if (fields.isEmpty()) {
				skipped.add(new SkippedTarget(target.name(), "none of its fields has a value in the event"));
				continue;
			}
			writes.add(new SalesforceWrite(target.name(), target.sobject(), target.key(keyValue.get()), fields));
		}
		return new MappedAgreement(writes, skipped);
	}

	/**
	 * A target with its sources parsed once, at start-up.
	 *
	 * @param name the target's name
	 * @param sobject the Salesforce object
	 * @param externalIdField the external-id field of an upsert, {@code null} for an
	 * update by Id
	 * @param keySource where the record's Id or external-id value comes from
	 * @param fields Salesforce field to source, in mapping order
	 */
	private record PreparedTarget(String name, String sobject, String externalIdField, MappingSource keySource,
			Map<String, MappingSource> fields) {

		static PreparedTarget of(MappingProperties.Target target) {
			String keyExpression = target.upserts() ? target.externalIdFrom() : target.idFrom();
			MappingSource keySource = MappingSource.parse(keyExpression, target.name());
			Map<String, MappingSource> fields = new LinkedHashMap<>();
			target.fields().forEach((field, source) -> fields.put(field, MappingSource.parse(source, field)));
			String externalIdField = target.upserts() ? target.externalIdField() : null;
			return new PreparedTarget(target.name(), target.object(), externalIdField, keySource, fields);
		}

		RecordKey key(String value) {
			return (this.externalIdField != null) ? new RecordKey.ByExternalId(this.externalIdField, value)
					: new RecordKey.ById(value);
		}

		String describe() {
			return this.name + " ("
					+ ((this.externalIdField != null)
							? "upsert " + this.sobject + " on " + this.externalIdField + " from " + this.keySource
							: "update " + this.sobject + " by Id from " + this.keySource)
					+ ")";
		}

	}

}
