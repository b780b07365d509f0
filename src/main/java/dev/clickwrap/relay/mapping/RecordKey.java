package dev.clickwrap.relay.mapping;

/**
 * How the Salesforce record of one write is found: by its Salesforce Id (an update of a
 * record that must exist) or by an external-id field (an upsert that creates the record
 * when no record has that value).
 */
public sealed interface RecordKey {

	/**
	 * Update the record with this Salesforce Id.
	 *
	 * @param id the 15- or 18-character Salesforce record Id
	 */
	record ById(String id) implements RecordKey {

		public ById {
			requireText(id, "id");
		}

	}

	/**
	 * Upsert the record whose external-id field holds this value.
	 *
	 * @param field the API name of the external-id field, e.g.
	 * {@code Clickwrap_Signer_Id__c}
	 * @param value the value looked up in that field
	 */
	record ByExternalId(String field, String value) implements RecordKey {

		public ByExternalId {
			requireText(field, "field");
			requireText(value, "value");
		}

	}

	private static void requireText(String text, String component) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("A record key needs a non-blank " + component);
		}
	}

}
