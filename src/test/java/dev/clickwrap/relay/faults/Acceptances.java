package dev.clickwrap.relay.faults;

import java.util.Collection;
import java.util.Map;

import dev.clickwrap.relay.testsupport.FakeSalesforce;

/**
 * Numbered Clickwrap acceptances of one scenario, each with its own signer and its own
 * Opportunity, and the records the default mapping writes for them: an update of the
 * Opportunity by Id and an upsert of the Contact by signer.
 */
final class Acceptances {

	private final String scenario;

	Acceptances(String scenario) {
		this.scenario = scenario;
	}

	String activity(int number) {
		return this.scenario + "-" + number;
	}

	/** The {@code activity_agreed} webhook body of one acceptance. */
	String webhook(int number) {
		return """
				{"type":"webhook","site":42,"event_type":"activity_agreed","description":"someone agreed",\
				"custom_data":{"first_name":"Ada","last_name":"Lovelace","opportunity_id":"OPPORTUNITY"},\
				"deliverable":true,"created_time":"2026-05-01T10:00:00.000Z","group":3,"contract":7,\
				"version":"v1","activity":"ACTIVITY","signer_id":"SIGNER","id":"NOTIFICATION"}"""
			.replace("OPPORTUNITY", opportunityId(number))
			.replace("ACTIVITY", activity(number))
			.replace("SIGNER", signer(number))
			.replace("NOTIFICATION", "n-" + activity(number));
	}

	String contactRecord(int number) {
		return "Contact/Clickwrap_Signer_Id__c/" + signer(number);
	}

	String opportunityRecord(int number) {
		return "Opportunity/" + opportunityId(number);
	}

	/**
	 * Counts the acceptances whose Contact or Opportunity the org has never been written.
	 * @param salesforce the org
	 * @param numbers the acceptances that must have reached it
	 * @return how many did not
	 */
	int notWritten(FakeSalesforce salesforce, Collection<Integer> numbers) {
		Map<String, Integer> written = salesforce.writesByRecord();
		return (int) numbers.stream()
			.filter((number) -> !written.containsKey(contactRecord(number))
					|| !written.containsKey(opportunityRecord(number)))
			.count();
	}

	private String signer(int number) {
		return "signer-" + activity(number);
	}

	/** A well-formed 18-character Opportunity Id, distinct per acceptance. */
	private static String opportunityId(int number) {
		return "006" + String.format("%012d", number) + "AAA";
	}

}
