package dev.clickwrap.relay.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.clickwrap.relay.delivery.DeliveryPlan.Call;
import dev.clickwrap.relay.delivery.DeliveryPlan.Part;
import dev.clickwrap.relay.delivery.DeliveryPlan.PlannedRecord;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.mapping.RecordKey;
import dev.clickwrap.relay.mapping.SalesforceWrite;
import dev.clickwrap.relay.salesforce.CompositeRequest;
import dev.clickwrap.relay.salesforce.CompositeSubrequest;
import dev.clickwrap.relay.salesforce.SalesforceClient;

import org.springframework.stereotype.Component;

/**
 * Turns the writes of a batch of agreements into as few API calls as Salesforce allows.
 * Writes to the same record are merged, the later agreement's values winning. Updates by
 * Id go out as sObject collection updates (any object types mixed), upserts as one
 * collection upsert per object and external-id field, at most
 * {@value #MAX_COLLECTION_RECORDS} records each, and those subrequests are packed into
 * composite calls of at most {@value CompositeRequest#MAX_SUBREQUESTS}. The composite is
 * not all-or-none, so one bad record fails only the events it carries.
 */
@Component
class DeliveryPlanner {

	/** The most records one sObject collection request may carry. */
	static final int MAX_COLLECTION_RECORDS = 200;

	private final SalesforceClient salesforce;

	DeliveryPlanner(SalesforceClient salesforce) {
		this.salesforce = salesforce;
	}

	DeliveryPlan plan(List<MappedEvent> events) {
		Map<RecordIdentity, PlannedRecord> records = merge(events);
		List<Part> parts = new ArrayList<>();
		List<PlannedRecord> updates = records.values()
			.stream()
			.filter((record) -> record.key() instanceof RecordKey.ById)
			.toList();
		chunk(updates).forEach((chunk) -> parts.add(updatePart(parts.size(), chunk)));
		Map<String, List<PlannedRecord>> upsertsByTarget = new LinkedHashMap<>();
		records.values()
			.stream()
			.filter((record) -> record.key() instanceof RecordKey.ByExternalId)
			.forEach((record) -> upsertsByTarget
				.computeIfAbsent(record.sobject() + "/" + ((RecordKey.ByExternalId) record.key()).field(),
						(target) -> new ArrayList<>())
				.add(record));
		upsertsByTarget.forEach((target, upserts) -> chunk(upserts)
			.forEach((chunk) -> parts.add(upsertPart(parts.size(), target, chunk))));
		List<Call> calls = new ArrayList<>();
		for (int start = 0; start < parts.size(); start += CompositeRequest.MAX_SUBREQUESTS) {
			int end = Math.min(parts.size(), start + CompositeRequest.MAX_SUBREQUESTS);
			List<Part> callParts = parts.subList(start, end);
			calls.add(new Call(new CompositeRequest(false, callParts.stream().map(Part::subrequest).toList()),
					List.copyOf(callParts)));
		}
		return new DeliveryPlan(calls);
	}

	private Map<RecordIdentity, PlannedRecord> merge(List<MappedEvent> events) {
		Map<RecordIdentity, Map<String, Object>> fields = new LinkedHashMap<>();
		Map<RecordIdentity, LinkedHashSet<UUID>> contributors = new LinkedHashMap<>();
		events.stream()
			.sorted(Comparator.comparing((MappedEvent event) -> event.agreement().createdTime()))
			.forEach((event) -> {
				for (SalesforceWrite write : event.writes()) {
					RecordIdentity identity = new RecordIdentity(write.sobject(), write.key());
					fields.computeIfAbsent(identity, (key) -> new LinkedHashMap<>()).putAll(write.fields());
					contributors.computeIfAbsent(identity, (key) -> new LinkedHashSet<>()).add(event.id());
				}
			});
		Map<RecordIdentity, PlannedRecord> records = new LinkedHashMap<>();
		fields.forEach((identity, merged) -> records.put(identity, new PlannedRecord(identity.sobject(), identity.key(),
				Collections.unmodifiableMap(merged), contributors.get(identity))));
		return records;
	}

	private Part updatePart(int index, List<PlannedRecord> records) {
		List<Map<String, Object>> body = records.stream().map((record) -> {
			Map<String, Object> json = recordJson(record);
			json.put("id", ((RecordKey.ById) record.key()).id());
			json.putAll(record.fields());
			return json;
		}).toList();
		return new Part(CompositeSubrequest.patch("update" + index, this.salesforce.dataPath("composite/sobjects"),
				collection(body)), records);
	}

	private Part upsertPart(int index, String target, List<PlannedRecord> records) {
		List<Map<String, Object>> body = records.stream().map((record) -> {
			RecordKey.ByExternalId key = (RecordKey.ByExternalId) record.key();
			Map<String, Object> json = recordJson(record);
			json.put(key.field(), key.value());
			json.putAll(record.fields());
			return json;
		}).toList();
		return new Part(CompositeSubrequest.patch("upsert" + index,
				this.salesforce.dataPath("composite/sobjects/" + target), collection(body)), records);
	}

	private static Map<String, Object> recordJson(PlannedRecord record) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("attributes", Map.of("type", record.sobject()));
		return json;
	}

	private static Map<String, Object> collection(List<Map<String, Object>> records) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("allOrNone", false);
		body.put("records", records);
		return body;
	}

	private static <T> List<List<T>> chunk(List<T> items) {
		List<List<T>> chunks = new ArrayList<>();
		for (int start = 0; start < items.size(); start += MAX_COLLECTION_RECORDS) {
			chunks.add(items.subList(start, Math.min(items.size(), start + MAX_COLLECTION_RECORDS)));
		}
		return chunks;
	}

	private record RecordIdentity(String sobject, RecordKey key) {
	}

	/**
	 * One agreement with the writes its mapping produced.
	 *
	 * @param id the relay's id of the event
	 * @param agreement the agreement
	 * @param writes its writes
	 */
	record MappedEvent(UUID id, ActivityAgreed agreement, List<SalesforceWrite> writes) {
	}

}
