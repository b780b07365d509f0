package dev.clickwrap.relay.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.store.EventStore;
import dev.clickwrap.relay.store.NewEvent;

import dev.clickwrap.relay.testsupport.TestDatabases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the delivery queue must do on every database the relay supports.
 */
abstract class DeliveryQueueContractTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	private final MovableClock clock = new MovableClock(NOW);

	private JdbcClient jdbc;

	private EventStore store;

	private DeliveryQueue queue;

	protected abstract DataSource dataSource();

	@BeforeEach
	void migrate() {
		DataSource dataSource = dataSource();
		TestDatabases.migrateFromScratch(dataSource);
		this.jdbc = JdbcClient.create(dataSource);
		this.store = new EventStore(this.jdbc, this.clock);
		this.queue = transactional(new DeliveryQueue(this.jdbc, this.clock), dataSource);
	}

	@Test
	void claimTakesDueEventsOldestFirstUpToTheLimit() {
		UUID first = store("a-1");
		this.clock.advance(Duration.ofSeconds(1));
		UUID second = store("a-2");
		this.clock.advance(Duration.ofSeconds(1));
		store("a-3");

		List<ClaimedEvent> claimed = this.queue.claimDue(2, "one", Duration.ofMinutes(5));

		assertThat(claimed).extracting(ClaimedEvent::id).containsExactly(first, second);
		assertThat(claimed.get(0).payload()).contains("a-1");
	}

	@Test
	void claimedEventIsNotClaimedAgainUntilItsLeaseRunsOut() {
		UUID id = store("a-1");
		assertThat(this.queue.claimDue(10, "one", Duration.ofMinutes(5))).hasSize(1);

		assertThat(this.queue.claimDue(10, "two", Duration.ofMinutes(5))).isEmpty();

		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.queue.claimDue(10, "two", Duration.ofMinutes(5))).extracting(ClaimedEvent::id)
			.containsExactly(id);
	}

	@Test
	void onlyTheInstanceHoldingTheClaimCanFinishTheEvent() {
		store("a-1");
		ClaimedEvent claimed = this.queue.claimDue(10, "one", Duration.ofMinutes(5)).get(0);
		this.clock.advance(Duration.ofMinutes(6));
		this.queue.claimDue(10, "two", Duration.ofMinutes(5));

		assertThat(this.queue.markDelivered(claimed, "one", null)).isFalse();
		assertThat(this.queue.markDelivered(claimed, "two", null)).isTrue();
		assertThat(status(claimed.id())).isEqualTo("DELIVERED");
		assertThat(attempts(claimed.id())).containsExactly("DELIVERED");
	}

	@Test
	void batchIsMarkedDeliveredExceptForEventsWhoseClaimPassedToAnotherInstance() {
		store("a-1");
		store("a-2");
		List<ClaimedEvent> claimed = this.queue.claimDue(10, "one", Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(6));
		store("a-3");
		ClaimedEvent takenOver = this.queue.claimDue(1, "two", Duration.ofMinutes(5)).get(0);

		java.util.Set<UUID> marked = this.queue.markDelivered(claimed, "one");

		assertThat(marked).hasSize(1).doesNotContain(takenOver.id());
		UUID delivered = marked.iterator().next();
		assertThat(status(delivered)).isEqualTo("DELIVERED");
		assertThat(row(delivered).get("attempts")).isEqualTo(1);
		assertThat(attempts(delivered)).containsExactly("DELIVERED");
		assertThat(status(takenOver.id())).isEqualTo("WAITING");
		assertThat(attempts(takenOver.id())).isEmpty();
	}

	@Test
	void retryCountsTheAttemptAndWaitsUntilTheNextAttemptTime() {
		UUID id = store("a-1");
		ClaimedEvent claimed = this.queue.claimDue(10, "one", Duration.ofMinutes(5)).get(0);

		this.queue.scheduleRetry(claimed, "one", NOW.plus(Duration.ofMinutes(2)), "UNABLE_TO_LOCK_ROW", "locked");

		assertThat(this.queue.claimDue(10, "one", Duration.ofMinutes(5))).isEmpty();
		this.clock.advance(Duration.ofMinutes(3));
		List<ClaimedEvent> again = this.queue.claimDue(10, "one", Duration.ofMinutes(5));
		assertThat(again).extracting(ClaimedEvent::attempts).containsExactly(1);
		Map<String, Object> row = row(id);
		assertThat(row.get("last_error_code")).isEqualTo("UNABLE_TO_LOCK_ROW");
		assertThat(attempts(id)).containsExactly("RETRIED");
	}

	@Test
	void releaseHandsTheEventBackWithoutCountingAnAttempt() {
		UUID id = store("a-1");
		ClaimedEvent claimed = this.queue.claimDue(10, "one", Duration.ofMinutes(5)).get(0);

		this.queue.release(claimed, "one", NOW);

		assertThat(this.queue.claimDue(10, "two", Duration.ofMinutes(5))).extracting(ClaimedEvent::attempts)
			.containsExactly(0);
		assertThat(attempts(id)).isEmpty();
	}

	@Test
	void parkedEventIsNeverClaimedAndCountsAsParked() {
		UUID id = store("a-1");
		store("a-2");
		ClaimedEvent claimed = this.queue.claimDue(1, "one", Duration.ofMinutes(5)).get(0);

		this.queue.park(claimed, "one", "INVALID_FIELD", "No such column");

		assertThat(status(id)).isEqualTo("PARKED");
		DeliveryQueue.QueueDepth depth = this.queue.depth();
		assertThat(depth.parked()).isEqualTo(1);
		assertThat(depth.waiting()).isEqualTo(1);
		assertThat(depth.oldestWaiting()).isNotNull();
		this.clock.advance(Duration.ofDays(10));
		assertThat(this.queue.claimDue(10, "one", Duration.ofMinutes(5))).hasSize(1);
	}

	@Test
	void dryRunDescribesEachWaitingEventOnce() {
		UUID id = store("a-1");

		assertThat(this.queue.notYetDryRun(10)).extracting(ClaimedEvent::id).containsExactly(id);
		this.queue.markDryRunLogged(List.of(id));

		assertThat(this.queue.notYetDryRun(10)).isEmpty();
		assertThat(status(id)).isEqualTo("WAITING");
	}

	protected JdbcClient jdbc() {
		return this.jdbc;
	}

	protected DeliveryQueue queue() {
		return this.queue;
	}

	protected UUID store(String activity) {
		ActivityAgreed agreed = new ActivityAgreed("n-" + activity, 1, activity, 2, "v", null, "s", Map.of(), NOW);
		return this.store.store(new NewEvent(agreed, "{\"activity\":\"" + activity + "\"}", EventStatus.WAITING)).id();
	}

	private String status(UUID id) {
		return (String) row(id).get("status");
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select * from clickwrap_event where id = :id").param("id", id).query().singleRow();
	}

	private List<String> attempts(UUID id) {
		return this.jdbc.sql("select outcome from delivery_attempt where event_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	static DeliveryQueue transactional(DeliveryQueue queue, DataSource dataSource) {
		ProxyFactory proxy = new ProxyFactory(queue);
		proxy.setProxyTargetClass(true);
		proxy.addAdvice(new TransactionInterceptor(new DataSourceTransactionManager(dataSource),
				new AnnotationTransactionAttributeSource(false)));
		return (DeliveryQueue) proxy.getProxy();
	}

	/**
	 * A clock the test moves by hand.
	 */
	static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
