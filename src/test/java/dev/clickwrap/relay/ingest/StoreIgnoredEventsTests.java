package dev.clickwrap.relay.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
@TestPropertySource(properties = "relay.ingest.store-ignored-events=true")
class StoreIgnoredEventsTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void otherEventTypesAreStoredAsIgnoredWhenConfiguredAndNeverWaitForDelivery() throws Exception {
		this.mvc
			.perform(post("/webhooks/clickwrap").header(WebhookController.TOKEN_HEADER, "test-token")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"event_type\":\"version_published\",\"id\":\"v-1\",\"contract\":3}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.outcome").value("ignored"))
			.andExpect(jsonPath("$.relayId").isString());

		assertThat(this.jdbc.sql("select status from clickwrap_event where event_type = 'version_published'")
			.query(String.class)
			.list()).containsExactly("IGNORED");
	}

}
