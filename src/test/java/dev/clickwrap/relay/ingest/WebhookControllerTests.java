package dev.clickwrap.relay.ingest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestPropertySource(properties = { "relay.ingest.tokens=old-secret,new-secret", "relay.ingest.max-body-size=2KB" })
class WebhookControllerTests {

	static final String AGREED = """
			{"type":"webhook","site":12345,"event_type":"activity_agreed","description":"someone agreed",
			 "custom_data":{"first_name":"John","opportunity_id":"006000000000001AAA"},"deliverable":true,
			 "created_time":"2020-10-21T13:55:59.070Z","group":123,"contract":123,"version":"1234abcd",
			 "activity":"ACTIVITY","signer_id":"signer-42","id":"NOTIFICATION","unexpected":{"nested":true}}""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void emptyStore() {
		this.jdbc.sql("delete from clickwrap_event").update();
	}

	@Test
	void agreedEventIsQueuedAndStored() throws Exception {
		send(webhook(agreed("a-1", "n-1"))).andExpect(status().isAccepted())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.outcome").value("queued"))
			.andExpect(jsonPath("$.relayId").isString());

		assertThat(storedStatuses()).containsExactly("WAITING");
	}

	@Test
	void eitherOfTwoRotatedTokensIsAccepted() throws Exception {
		send(webhook(agreed("a-1", "n-1"), "old-secret")).andExpect(status().isAccepted());
		send(webhook(agreed("a-2", "n-2"), "new-secret")).andExpect(status().isAccepted());

		assertThat(storedStatuses()).hasSize(2);
	}

	@Test
	void missingTokenIsUnauthorizedAndStoresNothing() throws Exception {
		send(post("/webhooks/clickwrap").contentType(MediaType.APPLICATION_JSON).content(agreed("a-1", "n-1")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.reason").value("unauthorized"));

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void wrongTokenIsUnauthorized() throws Exception {
		send(webhook(agreed("a-1", "n-1"), "new-secreT")).andExpect(status().isUnauthorized());
		send(webhook(agreed("a-1", "n-1"), "")).andExpect(status().isUnauthorized());

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void secondWebhookForTheSameAcceptanceIsADuplicateWithTheSameRelayId() throws Exception {
		String first = send(webhook(agreed("a-1", "n-1"))).andReturn().getResponse().getContentAsString();
		String relayId = first.replaceAll(".*\"relayId\":\"([^\"]+)\".*", "$1");

		send(webhook(agreed("a-1", "n-2"))).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.outcome").value("duplicate"))
			.andExpect(jsonPath("$.relayId").value(relayId));

		assertThat(storedStatuses()).containsExactly("WAITING");
		assertThat(this.jdbc.sql("select notification_id from clickwrap_event").query(String.class).single())
			.isEqualTo("n-1");
	}

	@Test
	void otherEventTypesAreAcknowledgedAsIgnoredAndNotStoredByDefault() throws Exception {
		send(webhook("{\"event_type\":\"test_event\",\"id\":\"t-1\"}")).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.outcome").value("ignored"))
			.andExpect(jsonPath("$.relayId").doesNotExist());
		send(webhook("{\"event_type\":\"something_new\"}")).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.outcome").value("ignored"));

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void bodyOverTheLimitIsTooLarge() throws Exception {
		String body = agreed("a-1", "n-1").replace("someone agreed", "x".repeat(2048));

		send(webhook(body)).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.reason").value("too_large"));

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void contentTypeOtherThanJsonIsUnsupported() throws Exception {
		for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded", "application/xml",
				"application/json;charset=ISO-8859-1", "not a media type", "*/*" }) {
			send(webhook(agreed("a-1", "n-1")).header("Content-Type", type))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
		send(post("/webhooks/clickwrap").header(WebhookController.TOKEN_HEADER, "new-secret")
			.content(agreed("a-1", "n-1"))).andExpect(status().isUnsupportedMediaType());

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void jsonWithCharsetUtf8IsAccepted() throws Exception {
		send(webhook(agreed("a-1", "n-1")).header("Content-Type", "application/json; charset=utf-8"))
			.andExpect(status().isAccepted());
	}

	@Test
	void malformedJsonIsABadRequest() throws Exception {
		send(webhook("{\"event_type\":")).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.reason").value("malformed"));

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void invalidUtf8IsABadRequest() throws Exception {
		byte[] body = { '{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };

		send(webhook("").content(body)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.reason").value("malformed"));
	}

	@Test
	void agreementLackingFieldsIsABadRequestNamingThem() throws Exception {
		send(webhook("{\"event_type\":\"activity_agreed\",\"id\":\"n\",\"site\":1,\"contract\":2}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.reason").value("invalid"))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.containsString("activity, version, " + "created_time")));

		assertThat(storedStatuses()).isEmpty();
	}

	@Test
	void badInputLeavesWhatWasAcceptedBeforeInPlace() throws Exception {
		send(webhook(agreed("a-1", "n-1"))).andExpect(status().isAccepted());

		send(webhook("{\"event_type\":\"activity_agreed\",\"activity\":\"a-1\"}")).andExpect(status().isBadRequest());
		send(webhook("garbage")).andExpect(status().isBadRequest());

		assertThat(storedStatuses()).containsExactly("WAITING");
	}

	private ResultActions send(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request);
	}

	private MockHttpServletRequestBuilder webhook(String body) {
		return webhook(body, "new-secret");
	}

	private MockHttpServletRequestBuilder webhook(String body, String token) {
		return post("/webhooks/clickwrap").header(WebhookController.TOKEN_HEADER, token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	private java.util.List<String> storedStatuses() {
		return this.jdbc.sql("select status from clickwrap_event").query(String.class).list();
	}

	static String agreed(String activity, String notificationId) {
		return AGREED.replace("ACTIVITY", activity).replace("NOTIFICATION", notificationId);
	}

}
