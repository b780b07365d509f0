package dev.clickwrap.relay.mapping;

import java.util.List;

/**
 * What one agreement turns into on the Salesforce side.
 *
 * @param writes the records to write, in the order of the mapping's targets
 * @param skipped the targets that produced no write, in the order of the mapping's
 * targets
 */
public record MappedAgreement(List<SalesforceWrite> writes, List<SkippedTarget> skipped) {

	public MappedAgreement {
		writes = List.copyOf(writes);
		skipped = List.copyOf(skipped);
	}

}
