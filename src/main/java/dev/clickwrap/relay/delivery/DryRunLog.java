package dev.clickwrap.relay.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.clickwrap.relay.mapping.MappedAgreement;
import dev.clickwrap.relay.mapping.RecordKey;
import dev.clickwrap.relay.mapping.SalesforceWrite;
import dev.clickwrap.relay.salesforce.SalesforceClient;
import dev.clickwrap.relay.system.EventLogContext;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Delivery without Salesforce credentials: each waiting event's Salesforce writes are
 * described in the log once and the event keeps waiting, to be delivered once credentials
 * are configured. The description names objects, keys and fields but no field values,
 * which may be personal.
 */
@Component
class DryRunLog {

	private static final Logger logger = LoggerFactory.getLogger(DryRunLog.class);

	private static final int EVENTS_PER_POLL = 100;

	private final DeliveryQueue queue;

	private final AgreementReader reader;

	private final SalesforceClient salesforce;

	DryRunLog(DeliveryQueue queue, AgreementReader reader, SalesforceClient salesforce) {
		this.queue = queue;
		this.reader = reader;
		this.salesforce = salesforce;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		if (!this.salesforce.isConfigured()) {
			logger.warn("Salesforce credentials are not configured (relay.salesforce.login-url, "
					+ "relay.salesforce.client-id): delivery runs in dry-run, logging what it would write; "
					+ "events keep waiting until credentials are configured");
		}
	}

	void describePending() {
		List<ClaimedEvent> events = this.queue.notYetDryRun(EVENTS_PER_POLL);
		if (events.isEmpty()) {
			return;
		}
		List<UUID> described = new ArrayList<>();
		for (ClaimedEvent event : events) {
			try (MDC.MDCCloseable logContext = EventLogContext.forEvent(event.id())) {
				logger.info("Dry run: event {} would write {}", event.id(), describe(event));
			}
			described.add(event.id());
		}
		this.queue.markDryRunLogged(described);
	}

	private String describe(ClaimedEvent event) {
		try {
			MappedAgreement mapping = this.reader.map(this.reader.read(event.payload()));
			if (mapping.writes().isEmpty()) {
				return "nothing: every mapping target is skipped";
			}
			return mapping.writes().stream().map(DryRunLog::describe).collect(Collectors.joining("; "));
		}
		catch (RuntimeException ex) {
			return "nothing: the stored event cannot be read (" + ex.getClass().getSimpleName() + ")";
		}
	}

	private static String describe(SalesforceWrite write) {
		String how = (write.key() instanceof RecordKey.ById byId) ? "update " + write.sobject() + " " + byId.id()
				: "upsert " + write.sobject() + " on " + ((RecordKey.ByExternalId) write.key()).field();
		return how + " setting " + String.join(", ", write.fields().keySet());
	}

}
