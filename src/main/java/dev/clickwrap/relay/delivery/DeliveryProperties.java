package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How stored agreements are delivered to Salesforce.
 *
 * @param pollInterval how often the worker looks for events that are due
 * @param batchSize the most events sent together; their writes go out as sObject
 * collections inside one composite call, so a backlog costs one API call per batch
 * @param lease how long an instance may work on the events it claimed before another
 * instance may take them over; longer than one attempt can last, retries and timeouts
 * included
 * @param retrySchedule the wait before each further attempt after a transient failure,
 * the first entry after the first failure; an event whose schedule is used up is parked
 * @param jitter the fraction by which each wait is randomly lengthened or shortened, so
 * that retries spread out
 * @param throttlePause how long to stop sending after Salesforce reports the org's daily
 * API allowance spent
 * @param instanceId the name this instance claims events under; a random one when not set
 * @param metricsInterval how often the waiting and parked counts are read from the
 * database for the metrics
 */
@ConfigurationProperties("relay.delivery")
public record DeliveryProperties(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("200") int batchSize,
		@DefaultValue("5m") Duration lease, @DefaultValue( {
				"30s", "2m", "10m", "30m", "1h", "2h", "4h", "8h", "12h", "12h", "12h", "12h",
				"12h" }) List<Duration> retrySchedule,
		@DefaultValue("0.2") double jitter, @DefaultValue("15m") Duration throttlePause, String instanceId,
		@DefaultValue("10s") Duration metricsInterval){

	public DeliveryProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("relay.delivery.batch-size must be at least 1, was " + batchSize);
		}
		if (jitter < 0 || jitter >= 1) {
			throw new IllegalArgumentException("relay.delivery.jitter must be at least 0 and below 1, was " + jitter);
		}
		retrySchedule = List.copyOf(retrySchedule);
	}

}
