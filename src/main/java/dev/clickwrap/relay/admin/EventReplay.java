package dev.clickwrap.relay.admin;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.system.EventLogContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends stored agreements to Salesforce again on an operator's request. A replay rewrites
 * the same records: updates go by Salesforce Id and upserts by external id, so writing an
 * agreement twice leaves Salesforce as writing it once.
 */
@Service
class EventReplay {

	private static final Logger logger = LoggerFactory.getLogger(EventReplay.class);

	private final AdminEventRepository events;

	EventReplay(AdminEventRepository events) {
		this.events = events;
	}

	/**
	 * Makes one delivered or parked agreement wait for delivery again, due now, or a
	 * waiting one due now.
	 * @param id the relay's id of the event
	 * @return what was done, with the event as it now stands
	 * @throws EventNotFoundException when no event has that id
	 * @throws ReplayRefusedException when the event is never delivered
	 */
	@Transactional
	ReplayAnswer replay(UUID id) {
		AdminEventRepository.ReplayCandidate event = this.events.lockForReplay(id)
			.orElseThrow(() -> new EventNotFoundException(id));
		if (event.status() == EventStatus.IGNORED || !ActivityAgreed.EVENT_TYPE.equals(event.eventType())) {
			throw new ReplayRefusedException(id, "Event " + id + " is a " + event.eventType() + " event kept for the "
					+ "record only; only activity_agreed events are delivered to Salesforce");
		}
		String message;
		if (event.status() == EventStatus.WAITING) {
			this.events.makeDue(id);
			message = "Event " + id + " was already waiting for delivery; it is now due";
		}
		else {
			this.events.requeue(event);
			message = "Event " + id + " was " + event.status() + "; it waits for delivery again, due now";
		}
		try (MDC.MDCCloseable logContext = EventLogContext.forEvent(id)) {
			logger.info("Event {} replayed by an operator: was {}, now waiting and due", id, event.status());
		}
		return new ReplayAnswer(message, this.events.findSummary(id).orElseThrow(() -> new EventNotFoundException(id)));
	}

	/**
	 * Makes every parked agreement wait for delivery again, due now.
	 * @param since only events parked at or after this instant, or every parked event
	 * when {@code null}
	 * @return how many events were requeued
	 */
	@Transactional
	int replayParked(Instant since) {
		int replayed = this.events.requeueParked(since);
		logger.info("{} parked events replayed by an operator{}", replayed,
				(since != null) ? " (parked since " + since + ")" : "");
		return replayed;
	}

}
