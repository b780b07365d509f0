package dev.clickwrap.relay.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.clickwrap.relay.events.ActivityAgreed;
import dev.clickwrap.relay.store.EventStatus;
import dev.clickwrap.relay.store.EventStore;
import dev.clickwrap.relay.store.NewEvent;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay with no Salesforce credentials, as the README's quick start runs it.
 */
@SpringBootTest(properties = "relay.delivery.poll-interval=100ms")
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class DryRunTests {

	@Autowired
	private EventStore store;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void eachWaitingEventIsDescribedOnceWithoutValuesAndKeepsWaiting(CapturedOutput output) throws Exception {
		ActivityAgreed agreement = DeliveryTests.agreement("dry", "006000000000001AAA", null, "ada@example.com");
		UUID id = this.store.store(new NewEvent(agreement, DeliveryTests.payload(agreement), EventStatus.WAITING)).id();

		await().atMost(Duration.ofSeconds(10)).until(() -> row(id).get("dry_run_logged_at") != null);
		Thread.sleep(500);

		assertThat(row(id).get("status")).isEqualTo("WAITING");
		assertThat(row(id).get("attempts")).isEqualTo(0);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Dry run: event " + id))).singleElement()
			.asString()
			.contains("update Opportunity 006000000000001AAA setting Clickwrap_Agreed__c")
			.contains("upsert Contact on Clickwrap_Signer_Id__c setting FirstName, LastName");
		assertThat(output).contains("delivery runs in dry-run")
			.doesNotContain("ada@example.com")
			.doesNotContain("Lovelace");
	}

	private Map<String, Object> row(UUID id) {
		return this.jdbc.sql("select * from clickwrap_event where id = :id").param("id", id).query().singleRow();
	}

}
