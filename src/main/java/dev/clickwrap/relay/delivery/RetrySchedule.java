package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.springframework.stereotype.Component;

/**
 * When an event that failed for a passing reason is tried again. The default schedule
 * spans a little over three days, longer than the Salesforce outages and maintenance
 * windows an org normally sees.
 */
@Component
class RetrySchedule {

	private final List<Duration> waits;

	private final double jitter;

	private final RandomGenerator random;

	RetrySchedule(DeliveryProperties properties) {
		this.waits = properties.retrySchedule();
		this.jitter = properties.jitter();
		this.random = RandomGenerator.getDefault();
	}

	/**
	 * The time of the next attempt.
	 * @param failedAttempts how many attempts have failed so far, the one just made
	 * included
	 * @param now the time of the failure
	 * @return when to try again, or empty when the schedule is used up and the event
	 * should be parked
	 */
	Optional<Instant> nextAttempt(int failedAttempts, Instant now) {
		if (failedAttempts < 1 || failedAttempts > this.waits.size()) {
			return Optional.empty();
		}
		Duration wait = this.waits.get(failedAttempts - 1);
		double factor = 1 + this.jitter * (2 * this.random.nextDouble() - 1);
		return Optional.of(now.plusMillis(Math.round(wait.toMillis() * factor)));
	}

	Duration span() {
		return this.waits.stream().reduce(Duration.ZERO, Duration::plus);
	}

}
