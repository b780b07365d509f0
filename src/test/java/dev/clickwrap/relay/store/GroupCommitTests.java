package dev.clickwrap.relay.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class GroupCommitTests {

	private final RecordingStore store = new RecordingStore();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final GroupCommit groupCommit = new GroupCommit(this.store, this.registry);

	@AfterEach
	void stop() throws InterruptedException {
		this.store.release.countDown();
		this.groupCommit.destroy();
	}

	@Test
	void eventsArrivingWhileATransactionIsWrittenShareTheNextOne() throws Exception {
		this.store.holdFirstTransaction();
		CompletableFuture<StoredEvent> first = CompletableFuture
			.supplyAsync(() -> this.groupCommit.store(event("n-0")));
		assertThat(this.store.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<CompletableFuture<StoredEvent>> followers = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			NewEvent event = event("n-" + i);
			followers.add(CompletableFuture.supplyAsync(() -> this.groupCommit.store(event)));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.groupCommit.waiting() == 10);

		this.store.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
		for (CompletableFuture<StoredEvent> follower : followers) {
			assertThat(follower.get(10, TimeUnit.SECONDS).duplicate()).isFalse();
		}
		assertThat(this.store.transactionSizes).containsExactly(1, 10);
		assertThat(this.registry.get(GroupCommit.TRANSACTION_SIZE).summary().totalAmount()).isEqualTo(11);
	}

	@Test
	void aRefusedEventFailsAloneAfterItsTransactionIsWrittenAgainOneEventAtATime() {
		List<GroupCommit.PendingEvent> transaction = List.of(pending("n-1"), pending(RecordingStore.REFUSED),
				pending("n-2"));

		this.groupCommit.write(transaction);

		assertThat(transaction.get(0).stored()).isCompleted();
		assertThat(transaction.get(1).stored()).isCompletedExceptionally();
		assertThat(transaction.get(2).stored()).isCompleted();
		assertThat(this.store.transactionSizes).containsExactly(1, 1);
		assertThat(this.store.refusedTransactions).isEqualTo(2);
	}

	@Test
	void storageFailureFailsEveryEventOfTheTransactionWithoutWritingThemAgain() {
		this.store.failure = new CannotGetJdbcConnectionException("database down");
		List<GroupCommit.PendingEvent> transaction = List.of(pending("n-1"), pending("n-2"));

		this.groupCommit.write(transaction);

		assertThat(transaction).allSatisfy((event) -> assertThat(event.stored()).isCompletedExceptionally());
		assertThat(this.store.failedTransactions).isEqualTo(1);
	}

	@Test
	void callerGetsTheStorageFailureItself() {
		this.store.failure = new CannotGetJdbcConnectionException("database down");

		assertThatExceptionOfType(CannotGetJdbcConnectionException.class)
			.isThrownBy(() -> this.groupCommit.store(event("n-1")));
	}

	@Test
	void afterShutdownEventsAreRefusedAsStorageUnavailable() throws InterruptedException {
		this.groupCommit.destroy();

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.groupCommit.store(event("n-1")));
	}

	private static NewEvent event(String notificationId) {
		return new NewEvent(EventStoreContractTests.agreement(notificationId, "act-" + notificationId), "{}",
				EventStatus.WAITING);
	}

	private static GroupCommit.PendingEvent pending(String notificationId) {
		return new GroupCommit.PendingEvent(event(notificationId), new CompletableFuture<>());
	}

	/**
	 * Records each transaction instead of writing it; refuses any transaction holding the
	 * event {@link #REFUSED}, as a database refuses a value it cannot store.
	 */
	private static final class RecordingStore extends EventStore {

		static final String REFUSED = "refused";

		final List<Integer> transactionSizes = new CopyOnWriteArrayList<>();

		final CountDownLatch firstStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean holdFirst;

		volatile RuntimeException failure;

		volatile int refusedTransactions;

		volatile int failedTransactions;

		RecordingStore() {
			super(null, Clock.systemUTC());
		}

		void holdFirstTransaction() {
			this.holdFirst = true;
		}

		@Override
		public List<StoredEvent> storeAll(List<NewEvent> events) {
			if (this.holdFirst) {
				this.holdFirst = false;
				this.firstStarted.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.failure != null) {
				this.failedTransactions++;
				throw this.failure;
			}
			if (events.stream().anyMatch((event) -> event.event().notificationId().equals(REFUSED))) {
				this.refusedTransactions++;
				throw new DataIntegrityViolationException("value too long");
			}
			this.transactionSizes.add(events.size());
			return events.stream().map((event) -> new StoredEvent(UUID.randomUUID(), false)).toList();
		}

	}

}
