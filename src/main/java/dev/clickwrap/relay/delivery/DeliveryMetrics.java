package dev.clickwrap.relay.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.clickwrap.relay.delivery.DeliveryQueue.QueueDepth;

import org.springframework.stereotype.Component;

/**
 * Delivery attempts by outcome, the time from receipt to the Salesforce write, and the
 * depth of the queue. The depth is read from the database on a schedule rather than at
 * each scrape, so a scrape never waits on storage.
 */
@Component
class DeliveryMetrics {

	private final MeterRegistry registry;

	private final Clock clock;

	private final Timer latency;

	private final AtomicReference<QueueDepth> depth = new AtomicReference<>(new QueueDepth(0, null, 0));

	DeliveryMetrics(MeterRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
		this.latency = Timer.builder("relay.delivery.latency")
			.description("Time from receiving a webhook to Salesforce accepting its writes")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(10))
			.maximumExpectedValue(Duration.ofDays(3))
			.register(registry);
		Gauge.builder("relay.delivery.waiting", this.depth, (value) -> value.get().waiting())
			.description("Events waiting for delivery")
			.register(registry);
		Gauge.builder("relay.delivery.parked", this.depth, (value) -> value.get().parked())
			.description("Events parked for a person to fix and replay")
			.register(registry);
		Gauge.builder("relay.delivery.oldest.waiting.age", this, DeliveryMetrics::oldestWaitingSeconds)
			.description("Age of the oldest event waiting for delivery")
			.baseUnit("seconds")
			.register(registry);
		for (AttemptOutcome outcome : AttemptOutcome.values()) {
			attempts(outcome);
		}
	}

	void attempt(AttemptOutcome outcome) {
		attempts(outcome).increment();
	}

	void delivered(Instant receivedAt) {
		this.latency.record(Duration.between(receivedAt, this.clock.instant()));
	}

	void depth(QueueDepth depth) {
		this.depth.set(depth);
	}

	private Counter attempts(AttemptOutcome outcome) {
		return Counter.builder("relay.delivery.attempts")
			.description("Delivery attempts of events, by outcome")
			.tag("outcome", outcome.label())
			.register(this.registry);
	}

	private double oldestWaitingSeconds() {
		Instant oldest = this.depth.get().oldestWaiting();
		return (oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis() / 1000.0) : 0;
	}

}
