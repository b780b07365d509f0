package dev.clickwrap.relay.delivery;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.clickwrap.relay.mapping.RecordKey;
import dev.clickwrap.relay.salesforce.CompositeRequest;
import dev.clickwrap.relay.salesforce.CompositeSubrequest;

/**
 * The Salesforce calls that deliver a batch of agreements, and which events each written
 * record stands for.
 *
 * @param calls the composite calls, each one API call
 */
record DeliveryPlan(List<Call> calls) {

	int recordCount() {
		return this.calls.stream()
			.flatMap((call) -> call.parts().stream())
			.mapToInt((part) -> part.records().size())
			.sum();
	}

	/**
	 * One composite call.
	 *
	 * @param request the request to send
	 * @param parts its subrequests, in the same order, each with the records it writes
	 */
	record Call(CompositeRequest request, List<Part> parts) {
	}

	/**
	 * One sObject collection subrequest and the records it writes, in the order
	 * Salesforce answers them.
	 *
	 * @param subrequest the subrequest
	 * @param records the records it writes
	 */
	record Part(CompositeSubrequest subrequest, List<PlannedRecord> records) {
	}

	/**
	 * One Salesforce record after the writes of every event in the batch that touches it
	 * were merged.
	 *
	 * @param sobject the object's API name
	 * @param key how the record is found
	 * @param fields the merged fields
	 * @param events the events whose writes it carries
	 */
	record PlannedRecord(String sobject, RecordKey key, Map<String, Object> fields, Set<UUID> events) {
	}

}
