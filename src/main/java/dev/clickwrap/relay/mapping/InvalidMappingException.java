package dev.clickwrap.relay.mapping;

/**
 * A {@code relay.mapping} entry that cannot be used. The message starts with the property
 * path of the entry, e.g.
 * {@code relay.mapping.targets[2].fields.Agreed__c: unknown source 'foo'}.
 */
class InvalidMappingException extends IllegalArgumentException {

	InvalidMappingException(String message) {
		super(message);
	}

}
