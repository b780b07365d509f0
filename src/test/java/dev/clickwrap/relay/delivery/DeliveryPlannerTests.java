package dev.clickwrap.relay.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.delivery.DeliveryPlan.Part;
import dev.clickwrap.relay.delivery.DeliveryPlan.PlannedRecord;
import dev.clickwrap.relay.delivery.DeliveryPlanner.MappedEvent;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.mapping.RecordKey;
import dev.clickwrap.relay.mapping.SalesforceWrite;
import dev.clickwrap.relay.salesforce.CompositeSubrequest;
import dev.clickwrap.relay.salesforce.SalesforceClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DeliveryPlannerTests {

	private final DeliveryPlanner planner = new DeliveryPlanner(salesforce());

	@Test
	void oneEventBecomesOneCallWithAnUpdateAndAnUpsertSubrequest() {
		DeliveryPlan plan = this.planner.plan(List.of(event(1, opportunity("006A", "v1"), contact("s-1", "Ada"))));

		assertThat(plan.calls()).hasSize(1);
		List<CompositeSubrequest> subrequests = plan.calls().get(0).request().subrequests();
		assertThat(subrequests).extracting(CompositeSubrequest::method).containsOnly("PATCH");
		assertThat(subrequests).extracting(CompositeSubrequest::url)
			.containsExactly("/services/data/v66.0/composite/sobjects",
					"/services/data/v66.0/composite/sobjects/Contact/Clickwrap_Signer_Id__c");
		assertThat(plan.calls().get(0).request().allOrNone()).isFalse();
		@SuppressWarnings("unchecked")
		Map<String, Object> upsert = (Map<String, Object>) subrequests.get(1).body();
		assertThat(upsert).containsEntry("allOrNone", false);
		assertThat(upsert.get("records").toString()).contains("Clickwrap_Signer_Id__c=s-1")
			.contains("FirstName=Ada")
			.contains("type=Contact");
	}

	@Test
	void writesToTheSameRecordAreMergedWithTheLaterAgreementWinning() {
		MappedEvent later = event(2, opportunity("006A", "v2"));
		MappedEvent earlier = event(1, opportunity("006A", "v1"));

		DeliveryPlan plan = this.planner.plan(List.of(later, earlier));

		PlannedRecord record = plan.calls().get(0).parts().get(0).records().get(0);
		assertThat(plan.recordCount()).isEqualTo(1);
		assertThat(record.fields()).containsEntry("Version__c", "v2");
		assertThat(record.events()).containsExactlyInAnyOrder(later.id(), earlier.id());
	}

	@Test
	void collectionsHoldAtMostTwoHundredRecordsAndCallsAtMostTwentyFiveSubrequests() {
		List<MappedEvent> events = new ArrayList<>();
		for (int i = 0; i < 6000; i++) {
			events.add(event(i, opportunity("006-" + i, "v")));
		}

		DeliveryPlan plan = this.planner.plan(events);

		assertThat(plan.recordCount()).isEqualTo(6000);
		assertThat(plan.calls()).hasSize(2);
		assertThat(plan.calls().get(0).parts()).hasSize(25)
			.allSatisfy((part) -> assertThat(part.records()).hasSize(200));
		assertThat(plan.calls().get(1).parts()).hasSize(5);
		List<String> referenceIds = plan.calls()
			.stream()
			.flatMap((call) -> call.parts().stream())
			.map(Part::subrequest)
			.map(CompositeSubrequest::referenceId)
			.toList();
		assertThat(referenceIds).doesNotHaveDuplicates();
	}

	@Test
	void upsertsOfDifferentObjectsOrKeysGoToSeparateSubrequests() {
		SalesforceWrite acceptance = new SalesforceWrite("acceptance", "Acceptance__c",
				new RecordKey.ByExternalId("Activity_Id__c", "a-1"), Map.of("Signer__c", "s-1"));

		DeliveryPlan plan = this.planner.plan(List.of(event(1, contact("s-1", "Ada"), acceptance)));

		assertThat(plan.calls().get(0).parts()).extracting((part) -> part.subrequest().url())
			.containsExactly("/services/data/v66.0/composite/sobjects/Contact/Clickwrap_Signer_Id__c",
					"/services/data/v66.0/composite/sobjects/Acceptance__c/Activity_Id__c");
	}

	private static MappedEvent event(int second, SalesforceWrite... writes) {
		ActivityAgreed agreement = new ActivityAgreed("n", 1, "a" + second, 2, "v", null, null, Map.of(),
				Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
		return new MappedEvent(UUID.randomUUID(), agreement, List.of(writes));
	}

	private static SalesforceWrite opportunity(String id, String version) {
		return new SalesforceWrite("opportunity", "Opportunity", new RecordKey.ById(id),
				Map.of("Agreed__c", true, "Version__c", version));
	}

	private static SalesforceWrite contact(String signer, String firstName) {
		return new SalesforceWrite("contact", "Contact", new RecordKey.ByExternalId("Clickwrap_Signer_Id__c", signer),
				Map.of("FirstName", firstName));
	}

	private static SalesforceClient salesforce() {
		SalesforceClient client = mock(SalesforceClient.class);
		given(client.dataPath(org.mockito.ArgumentMatchers.anyString()))
			.willAnswer((invocation) -> "/services/data/v66.0/" + invocation.getArgument(0));
		return client;
	}

}
