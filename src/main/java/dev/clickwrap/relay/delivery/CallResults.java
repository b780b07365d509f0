package dev.clickwrap.relay.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickwrap.relay.delivery.DeliveryPlan.Call;
import dev.clickwrap.relay.delivery.DeliveryPlan.Part;
import dev.clickwrap.relay.salesforce.CompositeResponse;
import dev.clickwrap.relay.salesforce.CompositeSubresponse;
import dev.clickwrap.relay.salesforce.FailureKind;
import dev.clickwrap.relay.salesforce.SalesforceError;
import dev.clickwrap.relay.salesforce.SalesforceErrorClassifier;

/**
 * Reads a composite reply back onto the records of the plan, part by part and record by
 * record. A subresponse that failed as a whole fails each of its records; otherwise each
 * record has its own result, in the order it was sent.
 */
final class CallResults {

	private CallResults() {
	}

	static List<List<RecordResult>> read(Call call, CompositeResponse response) {
		List<List<RecordResult>> results = new ArrayList<>();
		for (Part part : call.parts()) {
			results.add(read(part, response.find(part.subrequest().referenceId()).orElse(null)));
		}
		return results;
	}

	static List<List<RecordResult>> same(Call call, RecordResult result) {
		return call.parts().stream().map((part) -> Collections.nCopies(part.records().size(), result)).toList();
	}

	private static List<RecordResult> read(Part part, CompositeSubresponse subresponse) {
		int size = part.records().size();
		if (subresponse == null) {
			return Collections.nCopies(size,
					RecordResult.failed(FailureKind.TRANSIENT, null, "No subresponse in the composite reply"));
		}
		if (!subresponse.isSuccess()) {
			SalesforceError error = subresponse.error();
			return Collections.nCopies(size,
					RecordResult.failed(subresponse.failureKind(), error.errorCode(), error.message()));
		}
		JsonNode items = subresponse.body();
		List<RecordResult> results = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			JsonNode item = (items != null) ? items.path(i) : null;
			if (item != null && item.path("success").asBoolean(false)) {
				results.add(RecordResult.WRITTEN);
			}
			else {
				SalesforceError error = SalesforceError.from(0, item);
				results.add(RecordResult.failed(SalesforceErrorClassifier.classify(0, error.errorCode()),
						error.errorCode(), error.message()));
			}
		}
		return results;
	}

}
