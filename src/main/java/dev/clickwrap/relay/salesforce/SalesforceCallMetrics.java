package dev.clickwrap.relay.salesforce;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts calls to Salesforce by kind and outcome, and shows the org's daily API allowance
 * as last read.
 */
@Component
class SalesforceCallMetrics {

	static final String CALLS = "relay.salesforce.api.calls";

	static final String DAILY_REMAINING = "relay.salesforce.api.daily.remaining";

	static final String DAILY_MAX = "relay.salesforce.api.daily.max";

	private final MeterRegistry registry;

	private volatile double dailyRemaining = Double.NaN;

	private volatile double dailyMax = Double.NaN;

	SalesforceCallMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder(DAILY_REMAINING, this, (metrics) -> metrics.dailyRemaining)
			.description("API calls left in the org's rolling 24-hour allowance, as last read; NaN when unknown")
			.register(registry);
		Gauge.builder(DAILY_MAX, this, (metrics) -> metrics.dailyMax)
			.description("The org's rolling 24-hour API allowance, as last read; NaN when unknown")
			.register(registry);
	}

	void record(CallKind kind, CallOutcome outcome) {
		Counter.builder(CALLS)
			.description("Calls to Salesforce, by kind and outcome")
			.tag("kind", kind.label())
			.tag("outcome", outcome.label())
			.register(this.registry)
			.increment();
	}

	void dailyAllowance(long max, long remaining) {
		this.dailyMax = max;
		this.dailyRemaining = remaining;
	}

	enum CallKind {

		COMPOSITE, TOKEN, LIMITS;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	enum CallOutcome {

		SUCCESS, TRANSIENT, THROTTLED, PERMANENT;

		String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		static CallOutcome of(SalesforceException ex) {
			if (ex instanceof SalesforceLimitException) {
				return THROTTLED;
			}
			return (ex instanceof PermanentSalesforceException) ? PERMANENT : TRANSIENT;
		}

	}

}
