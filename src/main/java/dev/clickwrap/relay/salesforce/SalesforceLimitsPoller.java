package dev.clickwrap.relay.salesforce;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clickwrap.relay.salesforce.SalesforceCallMetrics.CallKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Reads the org's daily API allowance ({@code DailyApiRequests} of the limits resource)
 * at {@code relay.salesforce.limits-poll-interval} and publishes it as gauges, so that an
 * allowance running out shows before Salesforce starts refusing calls. Each reading costs
 * one API call.
 */
@Component
class SalesforceLimitsPoller {

	private static final Logger logger = LoggerFactory.getLogger(SalesforceLimitsPoller.class);

	private final SalesforceProperties properties;

	private final SalesforceTransport transport;

	private final SalesforceCallMetrics metrics;

	private final TaskScheduler scheduler;

	SalesforceLimitsPoller(SalesforceProperties properties, SalesforceTransport transport,
			SalesforceCallMetrics metrics, TaskScheduler scheduler) {
		this.properties = properties;
		this.transport = transport;
		this.metrics = metrics;
		this.scheduler = scheduler;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.properties.isConfigured() && !this.properties.limitsPollInterval().isZero()) {
			this.scheduler.scheduleWithFixedDelay(this::poll, Instant.now(), this.properties.limitsPollInterval());
		}
	}

	void poll() {
		try {
			JsonNode daily = this.transport.get(CallKind.LIMITS, this.properties.dataPath("limits"))
				.path("DailyApiRequests");
			if (daily.path("Max").isNumber() && daily.path("Remaining").isNumber()) {
				this.metrics.dailyAllowance(daily.get("Max").asLong(), daily.get("Remaining").asLong());
			}
			else {
				logger.warn("The Salesforce limits resource reported no DailyApiRequests");
			}
		}
		catch (SalesforceException ex) {
			logger.warn("Could not read the org's API limits; the gauges keep their last values: {}", ex.getMessage());
		}
	}

}
