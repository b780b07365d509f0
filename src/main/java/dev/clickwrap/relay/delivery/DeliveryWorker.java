package dev.clickwrap.relay.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.clickwrap.relay.salesforce.SalesforceClient;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Claims due events in batches and delivers them, for as long as there is work and
 * Salesforce takes calls. While the circuit breaker is open, or after Salesforce reported
 * the API allowance spent, it claims nothing, so waiting events keep their attempts.
 * Without Salesforce credentials it only describes what it would send.
 */
@Component
class DeliveryWorker {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryWorker.class);

	/**
	 * Bounds one poll, so that a large backlog cannot keep the scheduler thread from
	 * other work.
	 */
	static final int MAX_BATCHES_PER_POLL = 50;

	private final DeliveryQueue queue;

	private final BatchDelivery delivery;

	private final DryRunLog dryRun;

	private final SalesforceClient salesforce;

	private final DeliveryMetrics metrics;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final String instance;

	private volatile Instant throttledUntil = Instant.MIN;

	DeliveryWorker(DeliveryQueue queue, BatchDelivery delivery, DryRunLog dryRun, SalesforceClient salesforce,
			DeliveryMetrics metrics, DeliveryProperties properties, Clock clock) {
		this.queue = queue;
		this.delivery = delivery;
		this.dryRun = dryRun;
		this.salesforce = salesforce;
		this.metrics = metrics;
		this.properties = properties;
		this.clock = clock;
		this.instance = (properties.instanceId() != null) ? properties.instanceId()
				: "relay-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Scheduled(initialDelayString = "${relay.delivery.poll-interval:500ms}",
			fixedDelayString = "${relay.delivery.poll-interval:500ms}")
	void deliverDueEvents() {
		try {
			if (!this.salesforce.isConfigured()) {
				this.dryRun.describePending();
				return;
			}
			for (int round = 0; round < MAX_BATCHES_PER_POLL && maySend(); round++) {
				List<ClaimedEvent> batch = this.queue.claimDue(this.properties.batchSize(), this.instance,
						this.properties.lease());
				if (batch.isEmpty()) {
					return;
				}
				if (this.delivery.deliver(batch, this.instance)) {
					this.throttledUntil = this.clock.instant().plus(this.properties.throttlePause());
					logger.warn("Salesforce reports the org's daily API allowance spent; sending nothing until {}",
							this.throttledUntil);
				}
				if (batch.size() < this.properties.batchSize()) {
					return;
				}
			}
		}
		catch (DataAccessException | TransactionException ex) {
			logger.warn("Delivery paused, storage is unavailable: {}",
					ex.getMostSpecificCause().getClass().getSimpleName());
		}
	}

	@Scheduled(initialDelay = 0, fixedDelayString = "${relay.delivery.metrics-interval:10s}")
	void refreshQueueDepth() {
		try {
			this.metrics.depth(this.queue.depth());
		}
		catch (DataAccessException | TransactionException ex) {
			logger.debug("Queue depth not refreshed, storage is unavailable", ex);
		}
	}

	String instance() {
		return this.instance;
	}

	private boolean maySend() {
		return this.clock.instant().isAfter(this.throttledUntil) && this.salesforce.isAcceptingCalls();
	}

}
