package dev.clickwrap.relay.mapping;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.events.ActivityAgreed;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

class AgreementMapperTests {

	private static final String OPPORTUNITY_ID = "0065g00000AbCdEAAZ";

	private static final String ACCOUNT_ID = "0015g00000XyZabAAB";

	private static final Instant AGREED_AT = Instant.parse("2020-10-21T13:55:59.070Z");

	private final AgreementMapper shippedMapper = new AgreementMapper(shippedMapping());

	@Test
	void shippedMappingUpdatesOpportunityAndAccountAndUpsertsContact() {
		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", fullCustomData()));

		assertThat(mapped.skipped()).isEmpty();
		assertThat(mapped.writes()).extracting(SalesforceWrite::target, SalesforceWrite::sobject, SalesforceWrite::key)
			.containsExactly(tuple("opportunity", "Opportunity", new RecordKey.ById(OPPORTUNITY_ID)),
					tuple("account", "Account", new RecordKey.ById(ACCOUNT_ID)), tuple("contact", "Contact",
							new RecordKey.ByExternalId("Clickwrap_Signer_Id__c", "john.walker@example.com")));
		assertThat(mapped.writes().get(0).fields()).containsExactly(entry("Clickwrap_Agreed__c", true),
				entry("Clickwrap_Agreed_At__c", "2020-10-21T13:55:59.070Z"), entry("Clickwrap_Contract_Id__c", 123L),
				entry("Clickwrap_Contract_Version__c", "1234abcd"));
		assertThat(mapped.writes().get(1).fields())
			.containsExactly(entry("Clickwrap_Last_Agreed_At__c", "2020-10-21T13:55:59.070Z"));
		assertThat(mapped.writes().get(2).fields()).containsExactly(entry("FirstName", "John"),
				entry("LastName", "Walker"), entry("Title", "Customer Support"),
				entry("Email", "john.walker@example.com"), entry("AccountId", ACCOUNT_ID));
	}

	@Test
	void agreementWithoutOpportunityIdSkipsTheOpportunityAndSaysWhy() {
		Map<String, String> customData = fullCustomData();
		customData.remove("opportunity_id");

		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", customData));

		assertThat(mapped.writes()).extracting(SalesforceWrite::target).containsExactly("account", "contact");
		assertThat(mapped.skipped())
			.containsExactly(new SkippedTarget("opportunity", "custom_data.opportunity_id is absent"));
	}

	@Test
	void agreementWithoutSignerSkipsTheContact() {
		MappedAgreement mapped = this.shippedMapper.map(agreement(null, fullCustomData()));

		assertThat(mapped.writes()).extracting(SalesforceWrite::target).containsExactly("opportunity", "account");
		assertThat(mapped.skipped()).containsExactly(new SkippedTarget("contact", "signer_id is absent"));
	}

	@Test
	void blankRecordIdCountsAsAbsent() {
		Map<String, String> customData = fullCustomData();
		customData.put("account_id", "  ");

		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", customData));

		assertThat(mapped.skipped()).containsExactly(new SkippedTarget("account", "custom_data.account_id is absent"));
		assertThat(mapped.writes().get(1).fields()).doesNotContainKey("AccountId");
	}

	@Test
	void recordIdThatIsNotASalesforceIdSkipsTheTargetWithoutQuotingTheValue() {
		Map<String, String> customData = fullCustomData();
		customData.put("opportunity_id", "deal-42");

		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", customData));

		assertThat(mapped.writes()).extracting(SalesforceWrite::target).containsExactly("account", "contact");
		assertThat(mapped.skipped()).containsExactly(new SkippedTarget("opportunity",
				"custom_data.opportunity_id is not a Salesforce Id (15 or 18 letters and digits)"));
	}

	@Test
	void fifteenCharacterRecordIdIsAccepted() {
		Map<String, String> customData = fullCustomData();
		customData.put("opportunity_id", OPPORTUNITY_ID.substring(0, 15));

		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", customData));

		assertThat(mapped.writes().get(0).key()).isEqualTo(new RecordKey.ById(OPPORTUNITY_ID.substring(0, 15)));
	}

	@Test
	void fieldWhoseSourceIsAbsentIsLeftOutOfTheWrite() {
		Map<String, String> customData = fullCustomData();
		customData.remove("title");
		customData.put("email", "");

		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", customData));

		assertThat(mapped.writes().get(2).fields()).containsExactly(entry("FirstName", "John"),
				entry("LastName", "Walker"), entry("AccountId", ACCOUNT_ID));
	}

	@Test
	void targetWithNoFieldValueInTheEventIsSkipped() {
		AgreementMapper mapper = mapperFor("relay.mapping.targets[0].name", "contact",
				"relay.mapping.targets[0].object", "Contact", "relay.mapping.targets[0].id-from",
				"custom_data.contact_id", "relay.mapping.targets[0].fields.Title", "custom_data.title");

		MappedAgreement mapped = mapper.map(agreement("x", Map.of("contact_id", "0035g00000AbCdEAAZ")));

		assertThat(mapped.writes()).isEmpty();
		assertThat(mapped.skipped())
			.containsExactly(new SkippedTarget("contact", "none of its fields has a value in the event"));
	}

	@Test
	void literalsAreSentAsBooleansOrText() {
		AgreementMapper mapper = mapperFor("relay.mapping.targets[0].name", "lead", "relay.mapping.targets[0].object",
				"Lead", "relay.mapping.targets[0].external-id-field", "Clickwrap_Signer_Id__c",
				"relay.mapping.targets[0].external-id-from", "signer_id",
				"relay.mapping.targets[0].fields.Clickwrap_Agreed__c", "literal:true",
				"relay.mapping.targets[0].fields.HasOptedOutOfEmail", "literal:false",
				"relay.mapping.targets[0].fields.LeadSource", "literal:Clickwrap: web",
				"relay.mapping.targets[0].fields.Description", "literal:True");

		MappedAgreement mapped = mapper.map(agreement("+15555550123", Map.of()));

		assertThat(mapped.writes()).singleElement()
			.satisfies((write) -> assertThat(write.fields()).containsExactly(entry("Clickwrap_Agreed__c", true),
					entry("HasOptedOutOfEmail", false), entry("LeadSource", "Clickwrap: web"),
					entry("Description", "True")));
	}

	@Test
	void customAcceptanceObjectIsAddedByConfigurationAlone() {
		AgreementMapper mapper = mapperFor("relay.mapping.targets[0].name", "acceptance",
				"relay.mapping.targets[0].object", "Clickwrap_Acceptance__c",
				"relay.mapping.targets[0].external-id-field", "Activity_Id__c",
				"relay.mapping.targets[0].external-id-from", "activity", "relay.mapping.targets[0].fields.Signer_Id__c",
				"signer_id", "relay.mapping.targets[0].fields.Agreed_At__c", "created_time",
				"relay.mapping.targets[0].fields.Site_Id__c", "site", "relay.mapping.targets[0].fields.Contract_Id__c",
				"contract", "relay.mapping.targets[0].fields.Contract_Version__c", "version",
				"relay.mapping.targets[0].fields.Group_Id__c", "group",
				"relay.mapping.targets[0].fields.Opportunity__c", "custom_data.opportunity_id");

		MappedAgreement mapped = mapper.map(agreement("john.walker@example.com", fullCustomData()));

		assertThat(mapped.writes()).singleElement().satisfies((write) -> {
			assertThat(write.target()).isEqualTo("acceptance");
			assertThat(write.sobject()).isEqualTo("Clickwrap_Acceptance__c");
			assertThat(write.key()).isEqualTo(new RecordKey.ByExternalId("Activity_Id__c", "abcd1234abcd1234"));
			assertThat(write.fields()).containsExactly(entry("Signer_Id__c", "john.walker@example.com"),
					entry("Agreed_At__c", "2020-10-21T13:55:59.070Z"), entry("Site_Id__c", 12345L),
					entry("Contract_Id__c", 123L), entry("Contract_Version__c", "1234abcd"), entry("Group_Id__c", 77L),
					entry("Opportunity__c", OPPORTUNITY_ID));
		});
	}

	@Test
	void idsAreLongsAndTimesAreUtcInstantsWithMilliseconds() {
		AgreementMapper mapper = mapperFor("relay.mapping.targets[0].name", "acceptance",
				"relay.mapping.targets[0].object", "Acceptance__c", "relay.mapping.targets[0].external-id-field",
				"Site_Id__c", "relay.mapping.targets[0].external-id-from", "site",
				"relay.mapping.targets[0].fields.Agreed_At__c", "created_time",
				"relay.mapping.targets[0].fields.Group_Id__c", "group");
		ActivityAgreed agreement = new ActivityAgreed("n1", 12345, "a1", 123, "v1", null, null, Map.of(),
				Instant.parse("2021-03-04T05:06:07.123456789Z"));

		SalesforceWrite write = mapper.map(agreement).writes().get(0);

		assertThat(write.key()).isEqualTo(new RecordKey.ByExternalId("Site_Id__c", "12345"));
		assertThat(write.fields()).containsExactly(entry("Agreed_At__c", "2021-03-04T05:06:07.123Z"));
		SalesforceWrite wholeSecond = mapper
			.map(new ActivityAgreed("n2", 12345, "a2", 123, "v1", 9_000_000_000L, null, Map.of(),
					Instant.parse("2021-03-04T05:06:07Z")))
			.writes()
			.get(0);
		assertThat(wholeSecond.fields()).containsExactly(entry("Agreed_At__c", "2021-03-04T05:06:07.000Z"),
				entry("Group_Id__c", 9_000_000_000L));
	}

	@Test
	void writesCannotBeChangedByTheirConsumer() {
		MappedAgreement mapped = this.shippedMapper.map(agreement("john.walker@example.com", fullCustomData()));

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> mapped.writes().get(0).fields().put("Name", "changed"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> mapped.writes().remove(0));
	}

	@Test
	void emptyMappingWritesNothing() {
		MappedAgreement mapped = new AgreementMapper(new MappingProperties(List.of()))
			.map(agreement("john.walker@example.com", fullCustomData()));

		assertThat(mapped.writes()).isEmpty();
		assertThat(mapped.skipped()).isEmpty();
	}

	private static ActivityAgreed agreement(String signerId, Map<String, String> customData) {
		return new ActivityAgreed("123abc123abc", 12345, "abcd1234abcd1234", 123, "1234abcd", 77L, signerId, customData,
				AGREED_AT);
	}

	private static Map<String, String> fullCustomData() {
		Map<String, String> customData = new HashMap<>();
		customData.put("opportunity_id", OPPORTUNITY_ID);
		customData.put("account_id", ACCOUNT_ID);
		customData.put("first_name", "John");
		customData.put("last_name", "Walker");
		customData.put("title", "Customer Support");
		customData.put("email", "john.walker@example.com");
		return customData;
	}

	private static AgreementMapper mapperFor(String... namesAndValues) {
		Map<String, String> properties = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return new AgreementMapper(new Binder(new MapConfigurationPropertySource(properties))
			.bind("relay.mapping", MappingProperties.class)
			.get());
	}

	private static MappingProperties shippedMapping() {
		try {
			return new Binder(ConfigurationPropertySources
				.from(new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))))
				.bind("relay.mapping", MappingProperties.class)
				.get();
		}
		catch (IOException ex) {
			throw new IllegalStateException("application.yml cannot be read", ex);
		}
	}

}
