package dev.clickwrap.relay.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * Stores the events of concurrent webhooks in shared transactions. Each caller waits
 * until the transaction holding its event has committed, so a return still means the
 * event is safe; but one commit, the costly part on both databases (a file write on H2, a
 * WAL flush on PostgreSQL), now serves every webhook that arrived while the previous one
 * was being written. A lone webhook is written at once, without waiting for company.
 * <p>
 * One thread writes. A transaction that fails for a reason one event can cause, such as a
 * value the database refuses, is written again one event at a time so that only that
 * event fails; any other failure, such as the database being down, fails every event of
 * the transaction.
 */
@Component
public class GroupCommit implements DisposableBean {

	/**
	 * Enough to share one commit among many webhooks, few enough that a transaction stays
	 * short.
	 */
	static final int MAX_EVENTS_PER_TRANSACTION = 100;

	static final String TRANSACTION_SIZE = "relay.store.events.per.transaction";

	private static final Logger logger = LoggerFactory.getLogger(GroupCommit.class);

	private static final long SHUTDOWN_WAIT_SECONDS = 30;

	private final EventStore store;

	private final DistributionSummary transactionSize;

	private final BlockingQueue<PendingEvent> pending = new LinkedBlockingQueue<>();

	private final Object admission = new Object();

	private final Thread writer;

	private volatile boolean stopping;

	public GroupCommit(EventStore store, MeterRegistry registry) {
		this.store = store;
		this.transactionSize = DistributionSummary.builder(TRANSACTION_SIZE)
			.description("Webhook events stored per database transaction")
			.register(registry);
		this.writer = new Thread(this::writeUntilStopped, "event-group-commit");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Stores an event unless the same event is already stored, and returns once it is
	 * committed.
	 * @param event the event and its body
	 * @return the relay's id for the event, new or existing
	 * @throws org.springframework.dao.DataAccessException if the event could not be
	 * stored
	 * @throws org.springframework.transaction.TransactionException if its transaction
	 * failed
	 */
	public StoredEvent store(NewEvent event) {
		PendingEvent waiting = new PendingEvent(event, new CompletableFuture<>());
		synchronized (this.admission) {
			if (this.stopping) {
				throw new DataAccessResourceFailureException("The event store is shutting down");
			}
			this.pending.add(waiting);
		}
		try {
			return waiting.stored().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DataAccessResourceFailureException("Interrupted while waiting for the event to be stored", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new DataAccessResourceFailureException("The event could not be stored", ex.getCause());
		}
	}

	/**
	 * @return how many events wait for the writer, not counting those it is writing
	 */
	int waiting() {
		return this.pending.size();
	}

	/**
	 * Stops taking events, writes those already taken and ends the writer thread.
	 */
	@Override
	public void destroy() throws InterruptedException {
		synchronized (this.admission) {
			this.stopping = true;
		}
		this.writer.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS));
		List<PendingEvent> unwritten = new ArrayList<>();
		this.pending.drainTo(unwritten);
		unwritten.forEach((event) -> event.stored()
			.completeExceptionally(new DataAccessResourceFailureException("The event store shut down")));
	}

	private void writeUntilStopped() {
		List<PendingEvent> transaction = new ArrayList<>(MAX_EVENTS_PER_TRANSACTION);
		while (!this.stopping || !this.pending.isEmpty()) {
			try {
				PendingEvent first = this.pending.poll(100, TimeUnit.MILLISECONDS);
				if (first != null) {
					transaction.add(first);
					this.pending.drainTo(transaction, MAX_EVENTS_PER_TRANSACTION - 1);
					write(transaction);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				transaction.clear();
			}
		}
	}

	void write(List<PendingEvent> transaction) {
		try {
			List<StoredEvent> stored = this.store.storeAll(transaction.stream().map(PendingEvent::event).toList());
			this.transactionSize.record(transaction.size());
			for (int i = 0; i < transaction.size(); i++) {
				transaction.get(i).stored().complete(stored.get(i));
			}
		}
		catch (DataIntegrityViolationException ex) {
			if (transaction.size() == 1) {
				transaction.get(0).stored().completeExceptionally(ex);
				return;
			}
			logger.debug("A transaction of {} events was refused; storing them one by one", transaction.size());
			for (PendingEvent event : transaction) {
				write(List.of(event));
			}
		}
		catch (Throwable ex) {
			transaction.forEach((event) -> event.stored().completeExceptionally(ex));
		}
	}

	/**
	 * An event waiting to be written, and where its caller waits for the outcome.
	 *
	 * @param event the event and its body
	 * @param stored completed with the relay's id once committed, or with the failure
	 */
	record PendingEvent(NewEvent event, CompletableFuture<StoredEvent> stored) {
	}

}
