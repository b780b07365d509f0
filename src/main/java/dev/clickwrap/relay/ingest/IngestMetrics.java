package dev.clickwrap.relay.ingest;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Counts webhooks by event type and outcome and times their ingest. The event type comes
 * from the sender, so only documented types become label values; anything else is counted
 * as {@code other}.
 */
@Component
class IngestMetrics {

	static final String RECEIVED = "relay.webhooks.received";

	static final String INGEST = "relay.webhooks.ingest";

	static final String UNPARSED = "unparsed";

	private static final Set<String> DOCUMENTED_TYPES = Set.of("activity_agreed", "activity_displayed", "test_event",
			"version_published", "group_published", "request_sent", "request_signed", "request_complete",
			"request_expired");

	private final MeterRegistry registry;

	IngestMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	Timer.Sample start() {
		return Timer.start(this.registry);
	}

	void accepted(Timer.Sample sample, String eventType, IngestOutcome outcome) {
		record(sample, label(eventType), outcome.label(), "none");
	}

	void rejected(Timer.Sample sample, String eventType, WebhookRejectedException.Rejection rejection) {
		record(sample, label(eventType), "rejected", rejection.label());
	}

	static String label(String eventType) {
		if (eventType == null) {
			return UNPARSED;
		}
		return DOCUMENTED_TYPES.contains(eventType) ? eventType : "other";
	}

	private void record(Timer.Sample sample, String eventType, String outcome, String reason) {
		Counter.builder(RECEIVED)
			.description("Webhooks received, by event type and outcome")
			.tag("event_type", eventType)
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
		sample.stop(Timer.builder(INGEST)
			.description("Time from receiving a webhook to answering it")
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.register(this.registry));
	}

}
