package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTests {

	private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	@Test
	void defaultScheduleSpansAtLeastThreeDays() {
		RetrySchedule schedule = new RetrySchedule(properties(null, 0.2));

		assertThat(schedule.span()).isGreaterThanOrEqualTo(Duration.ofDays(3));
	}

	@Test
	void eachFailureWaitsTheNextStepOfTheSchedule() {
		RetrySchedule schedule = new RetrySchedule(
				properties(List.of(Duration.ofSeconds(30), Duration.ofMinutes(2)), 0));

		assertThat(schedule.nextAttempt(1, NOW)).hasValue(NOW.plusSeconds(30));
		assertThat(schedule.nextAttempt(2, NOW)).hasValue(NOW.plus(Duration.ofMinutes(2)));
	}

	@Test
	void usedUpScheduleHasNoNextAttempt() {
		RetrySchedule schedule = new RetrySchedule(properties(List.of(Duration.ofSeconds(30)), 0));

		assertThat(schedule.nextAttempt(2, NOW)).isEmpty();
	}

	@Test
	void jitterSpreadsWaitsWithinItsBounds() {
		RetrySchedule schedule = new RetrySchedule(properties(List.of(Duration.ofSeconds(100)), 0.2));

		List<Instant> attempts = java.util.stream.IntStream.range(0, 500)
			.mapToObj((i) -> schedule.nextAttempt(1, NOW).orElseThrow())
			.toList();

		assertThat(attempts).allSatisfy((at) -> assertThat(at).isBetween(NOW.plusSeconds(80), NOW.plusSeconds(120)));
		assertThat(attempts.stream().distinct().count()).isGreaterThan(100);
	}

	private static DeliveryProperties properties(List<Duration> waits, double jitter) {
		List<Duration> schedule = (waits != null) ? waits
				: java.util.Arrays.stream("30s,2m,10m,30m,1h,2h,4h,8h,12h,12h,12h,12h,12h".split(","))
					.map(org.springframework.boot.convert.DurationStyle::detectAndParse)
					.toList();
		return new DeliveryProperties(Duration.ofMillis(500), 200, Duration.ofMinutes(5), schedule, jitter,
				Duration.ofMinutes(15), null, Duration.ofSeconds(10));
	}

}
