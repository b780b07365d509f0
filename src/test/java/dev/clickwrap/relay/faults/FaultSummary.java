package dev.clickwrap.relay.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.clickwrap.relay.testsupport.FakeSalesforce;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one line each fault scenario prints, so that a CI log shows what the relay held
 * under each fault:
 * {@code fault-suite <scenario>: load=<n> faults=<injected> lost=<n> duplicates=<n> <key=value ...>}.
 * Values never contain spaces, so the line splits on them.
 */
final class FaultSummary {

	private final String scenario;

	private final Map<String, Object> extra = new LinkedHashMap<>();

	private int load;

	private String faults;

	private long lost;

	private long duplicates;

	FaultSummary(String scenario) {
		this.scenario = scenario;
	}

	FaultSummary load(int load) {
		this.load = load;
		return this;
	}

	FaultSummary faults(String faults) {
		this.faults = faults;
		return this;
	}

	FaultSummary lost(long lost) {
		this.lost = lost;
		return this;
	}

	FaultSummary duplicates(long duplicates) {
		this.duplicates = duplicates;
		return this;
	}

	FaultSummary with(String key, Object value) {
		this.extra.put(key, value);
		return this;
	}

	String print() {
		String line = "fault-suite " + this.scenario + ": load=" + this.load + " faults=" + this.faults + " lost="
				+ this.lost + " duplicates=" + this.duplicates
				+ this.extra.entrySet()
					.stream()
					.map((entry) -> " " + entry.getKey() + "=" + entry.getValue())
					.collect(Collectors.joining());
		System.out.println(line);
		return line;
	}

	/**
	 * Records that an upsert created more than once: each would be a second copy of the
	 * record in the org.
	 */
	static long createdTwice(FakeSalesforce salesforce) {
		return salesforce.creationsByRecord().values().stream().filter((creations) -> creations > 1).count();
	}

	/**
	 * Records written more than once: harmless rewrites of the same values, but worth
	 * counting.
	 */
	static long rewritten(FakeSalesforce salesforce) {
		return salesforce.writesByRecord().values().stream().filter((writes) -> writes > 1).count();
	}

	/** Events the relay recorded as delivered more than once. */
	static long deliveredTwice(JdbcClient store) {
		return store.sql("""
				select count(*) from (select event_id from delivery_attempt where outcome = 'DELIVERED'
				group by event_id having count(*) > 1) twice""").query(Long.class).single();
	}

	static long eventsIn(JdbcClient store, String status) {
		return store.sql("select count(*) from clickwrap_event where status = :status")
			.param("status", status)
			.query(Long.class)
			.single();
	}

}
