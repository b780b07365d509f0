package dev.clickwrap.relay.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.clickwrap.relay.delivery.DeliveryPlan.Call;
import dev.clickwrap.relay.delivery.DeliveryPlan.PlannedRecord;
import dev.clickwrap.relay.delivery.DeliveryPlanner.MappedEvent;
import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.events.InvalidEventException;
import dev.clickwrap.relay.events.MalformedBodyException;
import dev.clickwrap.relay.mapping.MappedAgreement;
import dev.clickwrap.relay.mapping.SkippedTarget;
import dev.clickwrap.relay.salesforce.FailureKind;
import dev.clickwrap.relay.salesforce.PermanentSalesforceException;
import dev.clickwrap.relay.salesforce.SalesforceClient;
import dev.clickwrap.relay.salesforce.SalesforceException;
import dev.clickwrap.relay.salesforce.SalesforceLimitException;
import dev.clickwrap.relay.salesforce.SalesforceUnavailableException;
import dev.clickwrap.relay.system.EventLogContext;

import org.springframework.stereotype.Component;

/**
 * Delivers one claimed batch: maps each agreement, sends the batch's writes in as few
 * calls as the plan allows, and records for every event what came of it.
 */
@Component
class BatchDelivery {

	private static final Logger logger = LoggerFactory.getLogger(BatchDelivery.class);

	private final DeliveryQueue queue;

	private final AgreementReader reader;

	private final DeliveryPlanner planner;

	private final SalesforceClient salesforce;

	private final RetrySchedule retrySchedule;

	private final DeliveryMetrics metrics;

	private final Clock clock;

	BatchDelivery(DeliveryQueue queue, AgreementReader reader, DeliveryPlanner planner, SalesforceClient salesforce,
			RetrySchedule retrySchedule, DeliveryMetrics metrics, Clock clock) {
		this.queue = queue;
		this.reader = reader;
		this.planner = planner;
		this.salesforce = salesforce;
		this.retrySchedule = retrySchedule;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Delivers a batch.
	 * @param batch the events claimed by this instance
	 * @param instance the name they were claimed under
	 * @return {@code true} if Salesforce reported the org's API allowance spent
	 */
	boolean deliver(List<ClaimedEvent> batch, String instance) {
		Map<UUID, ClaimedEvent> claimed = new LinkedHashMap<>();
		List<MappedEvent> mapped = new ArrayList<>();
		for (ClaimedEvent event : batch) {
			MappedEvent mappedEvent = map(event, instance);
			if (mappedEvent != null) {
				claimed.put(event.id(), event);
				mapped.add(mappedEvent);
			}
		}
		if (mapped.isEmpty()) {
			return false;
		}
		DeliveryPlan plan = this.planner.plan(mapped);
		Map<UUID, List<RecordResult>> resultsByEvent = new HashMap<>();
		for (Call call : plan.calls()) {
			List<List<RecordResult>> callResults = send(call);
			for (int part = 0; part < call.parts().size(); part++) {
				List<PlannedRecord> records = call.parts().get(part).records();
				for (int i = 0; i < records.size(); i++) {
					RecordResult result = callResults.get(part).get(i);
					records.get(i)
						.events()
						.forEach((id) -> resultsByEvent.computeIfAbsent(id, (key) -> new ArrayList<>()).add(result));
				}
			}
		}
		boolean throttled = false;
		List<ClaimedEvent> accepted = new ArrayList<>();
		for (ClaimedEvent event : claimed.values()) {
			DeliveryVerdict verdict = DeliveryVerdict.of(resultsByEvent.getOrDefault(event.id(), List.of()));
			throttled |= verdict.kind() == DeliveryVerdict.Kind.THROTTLE;
			if (verdict.kind() == DeliveryVerdict.Kind.DELIVER) {
				accepted.add(event);
			}
			else {
				settleUndelivered(event, verdict, instance);
			}
		}
		delivered(accepted, instance);
		return throttled;
	}

	private void delivered(List<ClaimedEvent> accepted, String instance) {
		Set<UUID> marked = this.queue.markDelivered(accepted, instance);
		for (ClaimedEvent event : accepted) {
			if (marked.contains(event.id())) {
				try (MDC.MDCCloseable logContext = EventLogContext.forEvent(event.id())) {
					this.metrics.attempt(AttemptOutcome.DELIVERED);
					this.metrics.delivered(event.receivedAt());
					logger.info("Event {} delivered to Salesforce", event.id());
				}
			}
		}
	}

	private MappedEvent map(ClaimedEvent event, String instance) {
		try (MDC.MDCCloseable logContext = EventLogContext.forEvent(event.id())) {
			ActivityAgreed agreement;
			try {
				agreement = this.reader.read(event.payload());
			}
			catch (MalformedBodyException | InvalidEventException | AgreementReader.NotAnAgreementException ex) {
				park(event, instance, "UNREADABLE_EVENT", ex.getMessage());
				return null;
			}
			MappedAgreement mapping = this.reader.map(agreement);
			for (SkippedTarget skipped : mapping.skipped()) {
				this.queue.recordSkip(event, "Target " + skipped.target() + " skipped: " + skipped.reason());
				this.metrics.attempt(AttemptOutcome.SKIPPED);
				logger.info("Event {} skips target {}: {}", event.id(), skipped.target(), skipped.reason());
			}
			if (mapping.writes().isEmpty()) {
				if (this.queue.markDelivered(event, instance, "Nothing to write: every mapping target was skipped")) {
					this.metrics.attempt(AttemptOutcome.DELIVERED);
					logger.info("Event {} delivered: nothing to write, every mapping target was skipped", event.id());
				}
				return null;
			}
			return new MappedEvent(event.id(), agreement, mapping.writes());
		}
	}

	private List<List<RecordResult>> send(Call call) {
		try {
			return CallResults.read(call, this.salesforce.composite(call.request()));
		}
		catch (SalesforceUnavailableException ex) {
			return CallResults.same(call, RecordResult.NOT_SENT);
		}
		catch (SalesforceLimitException ex) {
			return failed(call, FailureKind.THROTTLED, ex);
		}
		catch (PermanentSalesforceException ex) {
			return failed(call, FailureKind.PERMANENT, ex);
		}
		catch (SalesforceException ex) {
			return failed(call, FailureKind.TRANSIENT, ex);
		}
	}

	private static List<List<RecordResult>> failed(Call call, FailureKind kind, SalesforceException ex) {
		return CallResults.same(call, RecordResult.failed(kind, ex.getErrorCode(), ex.getMessage()));
	}

	/**
	 * Records the outcome of an event that Salesforce did not accept; accepted ones are
	 * marked together by {@link #delivered(List, String)}.
	 */
	private void settleUndelivered(ClaimedEvent event, DeliveryVerdict verdict, String instance) {
		try (MDC.MDCCloseable logContext = EventLogContext.forEvent(event.id())) {
			Instant now = this.clock.instant();
			switch (verdict.kind()) {
				case HOLD -> this.queue.release(event, instance, now);
				case THROTTLE -> {
					this.queue.release(event, instance, now);
					this.metrics.attempt(AttemptOutcome.THROTTLED);
					logger.info("Event {} held back: the org's daily API allowance is spent", event.id());
				}
				case RETRY -> retry(event, verdict, instance, now);
				case PARK -> park(event, instance, verdict.errorCode(), verdict.message());
			}
		}
	}

	private void retry(ClaimedEvent event, DeliveryVerdict verdict, String instance, Instant now) {
		int failedAttempts = event.attempts() + 1;
		Instant next = this.retrySchedule.nextAttempt(failedAttempts, now).orElse(null);
		if (next == null) {
			park(event, instance, verdict.errorCode(),
					"Retries used up after " + failedAttempts + " attempts; last error: " + verdict.message());
			return;
		}
		if (this.queue.scheduleRetry(event, instance, next, verdict.errorCode(), verdict.message())) {
			this.metrics.attempt(AttemptOutcome.RETRIED);
			logger.info("Event {} will be retried at {} after a passing failure ({})", event.id(), next,
					describe(verdict.errorCode()));
		}
	}

	private void park(ClaimedEvent event, String instance, String errorCode, String message) {
		if (this.queue.park(event, instance, errorCode, message)) {
			this.metrics.attempt(AttemptOutcome.PARKED);
			logger.warn("Event {} parked for a person to fix and replay ({})", event.id(), describe(errorCode));
		}
	}

	private static String describe(String errorCode) {
		return (errorCode != null) ? errorCode : "no error code";
	}

}
