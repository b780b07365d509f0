package dev.clickwrap.relay.admin;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.clickwrap.relay.store.EventStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestPropertySource(properties = { "relay.admin.password=" + AdminApiTests.PASSWORD, "relay.delivery.poll-interval=1h",
		"relay.ingest.max-body-size=2KB" })
@ExtendWith(OutputCaptureExtension.class)
class AdminApiTests {

	static final String PASSWORD = "correct-horse-battery";

	private static final String AGREED = """
			{"type":"webhook","site":12345,"event_type":"activity_agreed","deliverable":true,
			 "custom_data":{"first_name":"Jane","last_name":"Signer","opportunity_id":"006000000000001AAA",
			 "account_id":"001000000000001AAA"},
			 "created_time":"2026-05-20T13:55:59.070Z","group":123,"contract":77,"version":"v-1",
			 "activity":"ACTIVITY","signer_id":"signer-42","id":"NOTIFICATION"}""";

	private static final String AGREED_WITHOUT_KEYS = """
			{"type":"webhook","site":12345,"event_type":"activity_agreed","custom_data":{"first_name":"Jane"},
			 "created_time":"2026-05-20T13:55:59.070Z","contract":77,"version":"v-1","activity":"a-9","id":"n-9"}""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void emptyStore() {
		this.jdbc.sql("delete from clickwrap_event").update();
	}

	@Test
	void everyAdminEndpointRefusesAnAnonymousCallerWithABasicChallenge() throws Exception {
		UUID parked = insert(EventStatus.PARKED, Instant.now().minus(Duration.ofHours(1)));

		for (MockHttpServletRequestBuilder request : List.of(get("/admin/events"), get("/admin/events/" + parked),
				post("/admin/events/" + parked + "/replay"), post("/admin/events/replay-parked"),
				post("/admin/preview").contentType(MediaType.APPLICATION_JSON).content(agreed("a-1", "n-1")),
				get("/admin"), get("/admin/no-such-page"))) {
			MvcResult result = this.mvc.perform(request).andReturn();

			assertThat(result.getResponse().getStatus()).isEqualTo(401);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.isEqualTo("Basic realm=\"clickwrap-relay admin\"");
			assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		}
		assertThat(status(parked)).isEqualTo("PARKED");
		assertThat(count("clickwrap_event")).isEqualTo(1);
	}

	@Test
	void wrongCredentialsAreRefusedAndNeverLogged(CapturedOutput output) throws Exception {
		for (String authorization : List.of(basic("admin", "correct-horse-batterY"), basic("mallory-user", PASSWORD),
				basic("admin", ""), "Basic not-base64!", "Bearer " + PASSWORD,
				"Basic " + Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))) {
			MvcResult result = this.mvc.perform(get("/admin/events").header(HttpHeaders.AUTHORIZATION, authorization))
				.andReturn();

			assertThat(result.getResponse().getStatus()).as(authorization).isEqualTo(401);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=");
		}
		assertThat(output).contains("Refused an admin request")
			.doesNotContain("correct-horse")
			.doesNotContain("mallory-user")
			.doesNotContain(basicToken("admin", "correct-horse-batterY"));
	}

	@Test
	void rightCredentialsAreAcceptedWhateverTheCaseOfTheScheme() throws Exception {
		for (String scheme : List.of("Basic ", "basic ", "BASIC ")) {
			MvcResult result = this.mvc
				.perform(get("/admin/events").header(HttpHeaders.AUTHORIZATION, scheme + basicToken("admin", PASSWORD)))
				.andReturn();

			assertThat(result.getResponse().getStatus()).as(scheme).isEqualTo(200);
		}
	}

	@Test
	void requestThatABrowserMarksAsCrossSiteIsRefusedEvenWithCredentials() throws Exception {
		UUID parked = insert(EventStatus.PARKED, Instant.now());

		MvcResult result = perform(post("/admin/events/" + parked + "/replay").header("Sec-Fetch-Site", "cross-site"));

		assertThat(result.getResponse().getStatus()).isEqualTo(403);
		assertThat(status(parked)).isEqualTo("PARKED");
		assertThat(perform(get("/admin/events").header("Sec-Fetch-Site", "same-origin")).getResponse().getStatus())
			.isEqualTo(200);
	}

	@Test
	void webhookAndActuatorEndpointsNeedNoAdminCredentials() throws Exception {
		assertThat(this.mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
		assertThat(this.mvc
			.perform(post("/webhooks/clickwrap").header("Pactsafe-Webhook-Token", "test-token")
				.contentType(MediaType.APPLICATION_JSON)
				.content(agreed("a-1", "n-1")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(202);
	}

	@Test
	void listShowsEventsOfOneStatusNewestFirst() throws Exception {
		Instant now = Instant.now();
		insert(EventStatus.WAITING, now.minus(Duration.ofMinutes(1)));
		UUID olderParked = insert(EventStatus.PARKED, now.minus(Duration.ofHours(3)));
		UUID newerParked = insert(EventStatus.PARKED, now.minus(Duration.ofHours(2)));
		insert(EventStatus.DELIVERED, now.minus(Duration.ofHours(1)));
		this.jdbc
			.sql("update clickwrap_event set attempts = 4, last_error_code = 'INVALID_FIELD', "
					+ "last_error = 'No such column' where id = :id")
			.param("id", newerParked)
			.update();

		String body = body(perform(get("/admin/events").param("status", "PARKED")));

		assertThat(jsonPath(body, "$.events[*].relayId"))
			.isEqualTo(List.of(newerParked.toString(), olderParked.toString()));
		assertThat(jsonPath(body, "$.events[0]")).isInstanceOf(Map.class)
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("status", "PARKED")
			.containsEntry("eventType", "activity_agreed")
			.containsEntry("attempts", 4)
			.containsEntry("lastErrorCode", "INVALID_FIELD")
			.containsEntry("lastError", "No such column")
			.containsEntry("nextAttemptAt", null)
			.containsKeys("notificationId", "receivedAt", "finishedAt");
	}

	@Test
	void listPagesWithLimitAndBefore() throws Exception {
		Instant now = Instant.now();
		UUID oldest = insert(EventStatus.DELIVERED, now.minus(Duration.ofHours(3)));
		UUID middle = insert(EventStatus.WAITING, now.minus(Duration.ofHours(2)));
		UUID newest = insert(EventStatus.PARKED, now.minus(Duration.ofHours(1)));

		String first = body(perform(get("/admin/events").param("limit", "2")));
		String next = (String) jsonPath(first, "$.nextBefore");
		String second = body(perform(get("/admin/events").param("limit", "2").param("before", next)));

		assertThat(jsonPath(first, "$.events[*].relayId")).isEqualTo(List.of(newest.toString(), middle.toString()));
		assertThat(jsonPath(second, "$.events[*].relayId")).isEqualTo(List.of(oldest.toString()));
		assertThat(second).doesNotContain("nextBefore");
	}

	@Test
	void listLowersALimitAboveTheMaximumInsteadOfRefusingIt() throws Exception {
		insert(EventStatus.WAITING, Instant.now());

		String body = body(perform(get("/admin/events").param("limit", "100000")));

		assertThat(jsonPath(body, "$.events[*].relayId")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
	}

	@Test
	void listRefusesAnUnknownStatusNamingTheAcceptedOnes() throws Exception {
		MvcResult result = perform(get("/admin/events").param("status", "FAILED"));

		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body(result)).contains("WAITING, DELIVERED, PARKED, IGNORED").contains("FAILED");
		assertThat(perform(get("/admin/events").param("limit", "0")).getResponse().getStatus()).isEqualTo(400);
		assertThat(perform(get("/admin/events").param("before", "yesterday")).getResponse().getStatus()).isEqualTo(400);
	}

	@Test
	void showReturnsThePayloadAsJsonAndTheHistoryOldestFirst() throws Exception {
		Instant now = Instant.now();
		UUID parked = insert(EventStatus.PARKED, now.minus(Duration.ofHours(2)));
		attempt(parked, now.minus(Duration.ofMinutes(30)), "PARKED", "INVALID_FIELD", "No such column");
		attempt(parked, now.minus(Duration.ofMinutes(90)), "RETRIED", "SERVER_UNAVAILABLE", "Try later");

		String body = body(perform(get("/admin/events/" + parked)));

		assertThat(jsonPath(body, "$.relayId")).isEqualTo(parked.toString());
		assertThat(jsonPath(body, "$.status")).isEqualTo("PARKED");
		assertThat(body).containsOnlyOnce("\"attempts\":");
		assertThat(jsonPath(body, "$.payload.event_type")).isEqualTo("activity_agreed");
		assertThat(jsonPath(body, "$.payload.custom_data.opportunity_id")).isEqualTo("006000000000001AAA");
		assertThat(jsonPath(body, "$.history[*].outcome")).isEqualTo(List.of("RETRIED", "PARKED"));
		assertThat(jsonPath(body, "$.history[1].errorCode")).isEqualTo("INVALID_FIELD");
		assertThat(jsonPath(body, "$.history[1].message")).isEqualTo("No such column");
		assertThat(jsonPath(body, "$.history[0]")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsKey("attemptedAt");
	}

	@Test
	void showAnswers404ForAnUnknownIdAnd400ForAMalformedOne() throws Exception {
		UUID unknown = UUID.randomUUID();

		MvcResult missing = perform(get("/admin/events/" + unknown));
		MvcResult malformed = perform(get("/admin/events/1-2-3-4-5"));

		assertThat(missing.getResponse().getStatus()).isEqualTo(404);
		assertThat(missing.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body(missing)).contains(unknown.toString());
		assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(malformed)).contains("1-2-3-4-5").contains("UUID");
	}

	@Test
	void replayMakesAParkedEventWaitAgainDueNowWithItsAttemptsReset() throws Exception {
		UUID parked = insert(EventStatus.PARKED, Instant.now().minus(Duration.ofDays(1)));
		this.jdbc.sql("""
				update clickwrap_event set attempts = 7, last_error_code = 'INVALID_FIELD',
				    last_error = 'No such column', claimed_by = 'relay-1', lease_until = :lease where id = :id""")
			.param("lease", Timestamp.from(Instant.now().plus(Duration.ofMinutes(5))))
			.param("id", parked)
			.update();

		String body = body(perform(post("/admin/events/" + parked + "/replay")));

		assertThat(jsonPath(body, "$.event.status")).isEqualTo("WAITING");
		assertThat(jsonPath(body, "$.event.attempts")).isEqualTo(0);
		assertThat(jsonPath(body, "$.message")).asString().contains("was PARKED");
		Map<String, Object> row = row(parked);
		assertThat(row.get("status")).isEqualTo("WAITING");
		assertThat(row.get("attempts")).isEqualTo(0);
		assertThat(instant(row.get("next_attempt_at"))).isCloseTo(Instant.now(), within(10, ChronoUnit.SECONDS));
		assertThat(row).containsEntry("finished_at", null)
			.containsEntry("claimed_by", null)
			.containsEntry("lease_until", null)
			.containsEntry("last_error", null);
		assertThat(this.jdbc.sql("select outcome, error_code, message from delivery_attempt where event_id = :id")
			.param("id", parked)
			.query()
			.singleRow()).containsEntry("outcome", "REPLAYED")
			.containsEntry("error_code", "INVALID_FIELD")
			.hasEntrySatisfying("message", (message) -> assertThat(message).asString().contains("No such column"));
	}

	@Test
	void replayMakesADeliveredEventWaitAgain() throws Exception {
		UUID delivered = insert(EventStatus.DELIVERED, Instant.now().minus(Duration.ofDays(1)));

		assertThat(perform(post("/admin/events/" + delivered + "/replay")).getResponse().getStatus()).isEqualTo(200);

		assertThat(status(delivered)).isEqualTo("WAITING");
	}

	@Test
	void replayOfAWaitingEventMakesItDueNowAndSaysSo() throws Exception {
		UUID waiting = insert(EventStatus.WAITING, Instant.now().minus(Duration.ofHours(1)));
		this.jdbc.sql("update clickwrap_event set attempts = 3, next_attempt_at = :later where id = :id")
			.param("later", Timestamp.from(Instant.now().plus(Duration.ofHours(2))))
			.param("id", waiting)
			.update();

		String body = body(perform(post("/admin/events/" + waiting + "/replay")));

		assertThat(jsonPath(body, "$.message")).asString().contains("already waiting").contains("now due");
		assertThat(jsonPath(body, "$.event.attempts")).isEqualTo(3);
		assertThat(instant(row(waiting).get("next_attempt_at"))).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void replayOfAnIgnoredEventIsAConflictAndChangesNothing() throws Exception {
		UUID ignored = insert(EventStatus.IGNORED, Instant.now());

		MvcResult result = perform(post("/admin/events/" + ignored + "/replay"));

		assertThat(result.getResponse().getStatus()).isEqualTo(409);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body(result)).contains(ignored.toString()).contains("test_event");
		assertThat(status(ignored)).isEqualTo("IGNORED");
		assertThat(count("delivery_attempt")).isZero();
	}

	@Test
	void replayOfAnUnknownEventIsNotFound() throws Exception {
		assertThat(perform(post("/admin/events/" + UUID.randomUUID() + "/replay")).getResponse().getStatus())
			.isEqualTo(404);
	}

	@Test
	void replayParkedSinceATimeReplaysOnlyEventsParkedFromThen() throws Exception {
		Instant now = Instant.now();
		UUID parkedEarly = insert(EventStatus.PARKED, now.minus(Duration.ofDays(3)));
		UUID parkedLate = insert(EventStatus.PARKED, now.minus(Duration.ofHours(2)));
		UUID delivered = insert(EventStatus.DELIVERED, now.minus(Duration.ofHours(1)));

		String body = body(
				perform(post("/admin/events/replay-parked").param("since", now.minus(Duration.ofDays(1)).toString())));

		assertThat(jsonPath(body, "$.replayed")).isEqualTo(1);
		assertThat(status(parkedLate)).isEqualTo("WAITING");
		assertThat(row(parkedLate).get("attempts")).isEqualTo(0);
		assertThat(status(parkedEarly)).isEqualTo("PARKED");
		assertThat(status(delivered)).isEqualTo("DELIVERED");
		assertThat(this.jdbc.sql("select event_id from delivery_attempt where outcome = 'REPLAYED'")
			.query(UUID.class)
			.list()).containsExactly(parkedLate);
	}

	@Test
	void replayParkedWithoutSinceReplaysEveryParkedEvent() throws Exception {
		Instant now = Instant.now();
		insert(EventStatus.PARKED, now.minus(Duration.ofDays(30)));
		insert(EventStatus.PARKED, now.minus(Duration.ofHours(2)));

		assertThat(jsonPath(body(perform(post("/admin/events/replay-parked"))), "$.replayed")).isEqualTo(2);
		assertThat(this.jdbc.sql("select status from clickwrap_event").query(String.class).list())
			.containsOnly("WAITING");
	}

	@Test
	void previewShowsTheCompositeRequestOfTheDefaultMappingsThreeRecords() throws Exception {
		String body = body(perform(preview(agreed("a-1", "n-1"))));

		assertThat(jsonPath(body, "$.notificationId")).isEqualTo("n-1");
		assertThat(jsonPath(body, "$.calls")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
		assertThat(jsonPath(body, "$.calls[0].allOrNone")).isEqualTo(false);
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[*].method")).isEqualTo(List.of("PATCH", "PATCH"));
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[*].url"))
			.isEqualTo(List.of("/services/data/v66.0/composite/sobjects",
					"/services/data/v66.0/composite/sobjects/Contact/Clickwrap_Signer_Id__c"));
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[*].referenceId"))
			.isEqualTo(List.of("update0", "upsert1"));
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[*].body.records[*].attributes.type"))
			.isEqualTo(List.of("Opportunity", "Account", "Contact"));
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[0].body.records[0].id")).isEqualTo("006000000000001AAA");
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[0].body.records[0].Clickwrap_Agreed__c"))
			.isEqualTo(true);
		assertThat(jsonPath(body, "$.calls[0].compositeRequest[1].body.records[0].Clickwrap_Signer_Id__c"))
			.isEqualTo("signer-42");
		assertThat(jsonPath(body, "$.skipped")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
	}

	@Test
	void previewListsTheSkippedTargetsOfABodyWithoutTheirKeys() throws Exception {
		String body = body(perform(preview(AGREED_WITHOUT_KEYS)));

		assertThat(jsonPath(body, "$.calls")).asInstanceOf(InstanceOfAssertFactories.LIST).isEmpty();
		assertThat(jsonPath(body, "$.skipped[*].target")).isEqualTo(List.of("opportunity", "account", "contact"));
		assertThat(jsonPath(body, "$.skipped[0].reason")).asString().contains("custom_data.opportunity_id");
	}

	@Test
	void previewStoresNothing() throws Exception {
		insert(EventStatus.PARKED, Instant.now());

		assertThat(perform(preview(agreed("a-1", "n-1"))).getResponse().getStatus()).isEqualTo(200);
		assertThat(perform(preview(AGREED_WITHOUT_KEYS)).getResponse().getStatus()).isEqualTo(200);

		assertThat(count("clickwrap_event")).isEqualTo(1);
		assertThat(count("delivery_attempt")).isZero();
	}

	@Test
	void previewOfATestEventIsUnprocessableBecauseOnlyAgreementsAreDelivered() throws Exception {
		MvcResult result = perform(preview("{\"event_type\":\"test_event\",\"id\":\"t-1\"}"));

		assertThat(result.getResponse().getStatus()).isEqualTo(422);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(body(result)).contains("Only activity_agreed events are delivered").contains("test_event");
	}

	@Test
	void previewOfAMalformedOrIncompleteBodyIsABadRequestNamingTheFields() throws Exception {
		MvcResult incomplete = perform(preview("{\"event_type\":\"activity_agreed\",\"id\":\"n\",\"site\":\"x\"}"));
		MvcResult malformed = perform(preview("{\"event_type\":"));

		assertThat(incomplete.getResponse().getStatus()).isEqualTo(400);
		assertThat(jsonPath(body(incomplete), "$.missingFields"))
			.isEqualTo(List.of("activity", "contract", "version", "created_time"));
		assertThat(jsonPath(body(incomplete), "$.invalidFields")).isEqualTo(List.of("site"));
		assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
		assertThat(malformed.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
	}

	@Test
	void previewRefusesABodyOverTheIngestLimit() throws Exception {
		String body = agreed("a-1", "n-1").replace("\"deliverable\":true", "\"note\":\"" + "x".repeat(2048) + "\"");

		MvcResult result = perform(preview(body));

		assertThat(result.getResponse().getStatus()).isEqualTo(413);
		assertThat(body(result)).contains("relay.ingest.max-body-size");
	}

	@Nested
	@TestPropertySource(properties = "relay.admin.password=")
	class WithoutAPassword {

		@Autowired
		private MockMvc mvc;

		@Test
		void everyAdminRequestIsRefusedEvenWithTheUsualCredentials() throws Exception {
			for (MockHttpServletRequestBuilder request : List.of(get("/admin/events"),
					post("/admin/events/replay-parked"), get("/admin/events/" + UUID.randomUUID()))) {
				MvcResult result = this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic("admin", PASSWORD)))
					.andReturn();

				assertThat(result.getResponse().getStatus()).isEqualTo(401);
				assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				assertThat(body(result)).contains("disabled until relay.admin.password is set");
			}
			assertThat(this.mvc.perform(get("/actuator/health")).andReturn().getResponse().getStatus()).isEqualTo(200);
		}

	}

	private MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, basic("admin", PASSWORD))).andReturn();
	}

	private static MockHttpServletRequestBuilder preview(String body) {
		return post("/admin/preview").contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private UUID insert(EventStatus status, Instant receivedAt) {
		UUID id = UUID.randomUUID();
		boolean agreement = status != EventStatus.IGNORED;
		this.jdbc.sql("""
				insert into clickwrap_event (id, deduplication_key, notification_id, event_type, payload, status,
				    received_at, next_attempt_at, finished_at)
				values (:id, :key, :notification, :type, :payload, :status, :received, :next, :finished)""")
			.param("id", id)
			.param("key", "key-" + id)
			.param("notification", "n-" + id)
			.param("type", agreement ? "activity_agreed" : "test_event")
			.param("payload", agreement ? agreed("a-" + id, "n-" + id) : "{\"event_type\":\"test_event\"}")
			.param("status", status.name())
			.param("received", Timestamp.from(receivedAt))
			.param("next", (status == EventStatus.WAITING) ? Timestamp.from(receivedAt) : null)
			.param("finished", (status != EventStatus.WAITING) ? Timestamp.from(receivedAt.plusSeconds(60)) : null)
			.update();
		return id;
	}

	private void attempt(UUID event, Instant at, String outcome, String errorCode, String message) {
		this.jdbc.sql("""
				insert into delivery_attempt (event_id, attempted_at, outcome, error_code, message)
				values (:event, :at, :outcome, :code, :message)""")
			.param("event", event)
			.param("at", Timestamp.from(at))
			.param("outcome", outcome)
			.param("code", errorCode)
			.param("message", message)
			.update();
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select * from clickwrap_event where id = :id").param("id", id).query().singleRow();
	}

	private String status(UUID id) {
		return (String) row(id).get("status");
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	private static Instant instant(Object timestamp) {
		return (timestamp instanceof java.time.OffsetDateTime offset) ? offset.toInstant()
				: ((Timestamp) timestamp).toInstant();
	}

	private static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	private static Object jsonPath(String json, String path) {
		return JsonPath.read(json, path);
	}

	static String agreed(String activity, String notificationId) {
		return AGREED.replace("ACTIVITY", activity).replace("NOTIFICATION", notificationId);
	}

	private static String basic(String username, String password) {
		return "Basic " + basicToken(username, password);
	}

	private static String basicToken(String username, String password) {
		return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
