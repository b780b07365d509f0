package dev.clickwrap.relay.store;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes finished events once they are older than the retention period.
 */
@Component
class RetentionPurge {

	private static final Logger logger = LoggerFactory.getLogger(RetentionPurge.class);

	private final EventStore store;

	private final RetentionProperties retention;

	private final Clock clock;

	RetentionPurge(EventStore store, RetentionProperties retention, Clock clock) {
		this.store = store;
		this.retention = retention;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${relay.retention.purge-interval:1h}",
			fixedDelayString = "${relay.retention.purge-interval:1h}")
	void purge() {
		try {
			int purged = this.store.purgeFinishedBefore(this.clock.instant().minus(this.retention.period()));
			if (purged > 0) {
				logger.info("Purged {} finished events older than {}", purged, this.retention.period());
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Could not purge finished events, storage is unavailable: {}",
					ex.getMostSpecificCause().getClass().getSimpleName());
		}
	}

}
