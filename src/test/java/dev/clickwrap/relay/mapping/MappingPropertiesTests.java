package dev.clickwrap.relay.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.clickwrap.relay.mapping.MappingProperties.Target;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MappingPropertiesTests {

	private static final Target OPPORTUNITY = new Target("opportunity", "Opportunity", "custom_data.opportunity_id",
			null, null, Map.of("Clickwrap_Agreed__c", "literal:true"));

	private static final Target ACCOUNT = new Target("account", "Account", "custom_data.account_id", null, null,
			Map.of("Clickwrap_Last_Agreed_At__c", "created_time"));

	@Test
	void shippedMappingBindsValidatesAndStartsTheMapper() {
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withUserConfiguration(MappingConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AgreementMapper.class);
				List<Target> targets = context.getBean(MappingProperties.class).targets();
				assertThat(targets).extracting(Target::name).containsExactly("opportunity", "account", "contact");
				assertThat(targets.get(0).fields()).containsOnlyKeys("Clickwrap_Agreed__c", "Clickwrap_Agreed_At__c",
						"Clickwrap_Contract_Id__c", "Clickwrap_Contract_Version__c");
				assertThat(targets.get(2).upserts()).isTrue();
				assertThat(targets.get(2).externalIdField()).isEqualTo("Clickwrap_Signer_Id__c");
			});
	}

	@Test
	void badEntryStopsApplicationStartWithItsPath() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(MappingConfiguration.class)
			.web(WebApplicationType.NONE);

		assertThatException()
			.isThrownBy(() -> application.run("--relay.mapping.targets[0].name=opportunity",
					"--relay.mapping.targets[0].object=Opportunity",
					"--relay.mapping.targets[0].id-from=custom_data.opportunity_id",
					"--relay.mapping.targets[0].fields.Agreed__c=foo"))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.isInstanceOf(InvalidMappingException.class)
				.hasMessageStartingWith("relay.mapping.targets[0].fields.Agreed__c: unknown source 'foo' (expected "));
	}

	@Test
	void unknownSourceNamesTheField() {
		assertInvalid("relay.mapping.targets[2].fields.Agreed__c: unknown source 'foo' (expected one of signer_id, "
				+ "created_time, contract, version, group, activity, site, custom_data.<key> or literal:<text>)",
				OPPORTUNITY, ACCOUNT, new Target("third", "Opportunity", "custom_data.opportunity_id", null, null,
						Map.of("Agreed__c", "foo")));
	}

	@Test
	void customDataWithoutKeyIsRefused() {
		assertInvalid("relay.mapping.targets[0].fields.Title: source 'custom_data.' names no custom_data key",
				new Target("contact", "Contact", "custom_data.contact_id", null, null,
						Map.of("Title", "custom_data.")));
	}

	@Test
	void fieldWithoutSourceIsRefused() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("Title", null);
		assertInvalidStartingWith("relay.mapping.targets[0].fields.Title: no source is given",
				new Target("contact", "Contact", "custom_data.contact_id", null, null, fields));
	}

	@Test
	void duplicateTargetNameIsRefused() {
		assertInvalid("relay.mapping.targets[1].name: 'opportunity' is already the name of another target", OPPORTUNITY,
				new Target("opportunity", "Account", "custom_data.account_id", null, null,
						Map.of("Description", "literal:x")));
	}

	@Test
	void missingOrUnsafeTargetNameIsRefused() {
		assertInvalidStartingWith("relay.mapping.targets[0].name: nothing is not a target name",
				new Target(null, "Account", "custom_data.account_id", null, null, Map.of("Description", "site")));
		assertInvalidStartingWith("relay.mapping.targets[0].name: 'my account' is not a target name", new Target(
				"my account", "Account", "custom_data.account_id", null, null, Map.of("Description", "site")));
	}

	@Test
	void objectThatIsNotAnApiNameIsRefused() {
		assertInvalidStartingWith(
				"relay.mapping.targets[1].object: 'Clickwrap Acceptance' is not a Salesforce object API name",
				OPPORTUNITY, new Target("acceptance", "Clickwrap Acceptance", null, "Activity_Id__c", "activity",
						Map.of("Site__c", "site")));
		assertInvalidStartingWith("relay.mapping.targets[0].object: nothing is not a Salesforce object API name",
				new Target("acceptance", null, null, "Activity_Id__c", "activity", Map.of("Site__c", "site")));
	}

	@Test
	void fieldThatIsNotAnApiNameIsRefused() {
		for (String field : List.of("Agreed At__c", "Agreed__c_", "_Agreed__c", "cwrap__Agreed", "Agreed___c",
				"Agreed__x", "Agreed-At__c", "9Lives__c")) {
			assertInvalidStartingWith(
					"relay.mapping.targets[0].fields." + field + ": '" + field + "' is not a Salesforce field API name",
					new Target("opportunity", "Opportunity", "custom_data.opportunity_id", null, null,
							Map.of(field, "created_time")));
		}
	}

	@Test
	void apiNamesWithNamespaceOrRelationshipSuffixAreAccepted() {
		assertThatNoException()
			.isThrownBy(() -> new MappingProperties(List.of(new Target("acceptance", "cwrap__Acceptance__c", null,
					"cwrap__Activity_Id__c", "activity", Map.of("cwrap__Agreed_At__c", "created_time", "Owner__r",
							"custom_data.owner", "Name", "activity", "ClickwrapAgreed__C", "literal:true")))));
	}

	@Test
	void targetWithoutFieldsIsRefused() {
		assertInvalid("relay.mapping.targets[0].fields: at least one field is required",
				new Target("opportunity", "Opportunity", "custom_data.opportunity_id", null, null, null));
	}

	@Test
	void targetWithBothKindsOfKeyIsRefused() {
		assertInvalid(
				"relay.mapping.targets[0]: set either id-from (update by Salesforce Id) or external-id-field "
						+ "with external-id-from (upsert), not both",
				new Target("contact", "Contact", "custom_data.contact_id", "Clickwrap_Signer_Id__c", "signer_id",
						Map.of("Title", "custom_data.title")));
	}

	@Test
	void targetWithoutKeyIsRefused() {
		assertInvalid(
				"relay.mapping.targets[0]: set either id-from (update by Salesforce Id) or external-id-field "
						+ "with external-id-from (upsert), but neither is set",
				new Target("contact", "Contact", null, null, null, Map.of("Title", "custom_data.title")));
	}

	@Test
	void externalIdFieldAndSourceComeTogether() {
		assertInvalid("relay.mapping.targets[0].external-id-from: is required with external-id-field", new Target(
				"contact", "Contact", null, "Clickwrap_Signer_Id__c", null, Map.of("Title", "custom_data.title")));
		assertInvalid("relay.mapping.targets[0].external-id-field: is required with external-id-from",
				new Target("contact", "Contact", null, null, "signer_id", Map.of("Title", "custom_data.title")));
	}

	@Test
	void recordKeyFromUnknownSourceIsRefused() {
		assertInvalidStartingWith("relay.mapping.targets[0].id-from: unknown source 'opportunity_id'",
				new Target("opportunity", "Opportunity", "opportunity_id", null, null, Map.of("Name", "activity")));
		assertInvalidStartingWith("relay.mapping.targets[0].external-id-from: unknown source 'email'",
				new Target("contact", "Contact", null, "Clickwrap_Signer_Id__c", "email", Map.of("Title", "site")));
	}

	@Test
	void recordKeyFromLiteralIsRefused() {
		assertInvalidStartingWith(
				"relay.mapping.targets[0].id-from: a record key must come from the event, not a literal",
				new Target("opportunity", "Opportunity", "literal:0065g00000AbCdEAAZ", null, null,
						Map.of("Name", "activity")));
	}

	@Test
	void writingTheRecordIdOrTheExternalIdIsRefused() {
		assertInvalidStartingWith("relay.mapping.targets[0].fields.Id: the record Id cannot be written",
				new Target("opportunity", "Opportunity", "custom_data.opportunity_id", null, null,
						Map.of("Id", "custom_data.opportunity_id")));
		assertInvalidStartingWith(
				"relay.mapping.targets[0].fields.clickwrap_signer_id__c: is the external-id field of this target",
				new Target("contact", "Contact", null, "Clickwrap_Signer_Id__c", "signer_id",
						Map.of("clickwrap_signer_id__c", "signer_id")));
	}

	@Test
	void fieldsDifferingOnlyInCaseAreRefused() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("Title", "custom_data.title");
		fields.put("TITLE", "custom_data.job");
		assertInvalid(
				"relay.mapping.targets[0].fields.TITLE: repeats another field of this target (Salesforce "
						+ "field names ignore case)",
				new Target("contact", "Contact", "custom_data.contact_id", null, null, fields));
	}

	@Test
	void fieldsKeepTheirConfiguredOrder() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("Zeta__c", "site");
		fields.put("Alpha__c", "contract");
		fields.put("Mid__c", "group");

		Target target = new Target("acceptance", "Acceptance__c", null, "Activity_Id__c", "activity", fields);

		assertThat(target.fields().keySet()).containsExactly("Zeta__c", "Alpha__c", "Mid__c");
	}

	private static void assertInvalid(String message, Target... targets) {
		assertThatExceptionOfType(InvalidMappingException.class)
			.isThrownBy(() -> new MappingProperties(List.of(targets)))
			.withMessage(message);
	}

	private static void assertInvalidStartingWith(String message, Target... targets) {
		assertThatExceptionOfType(InvalidMappingException.class)
			.isThrownBy(() -> new MappingProperties(List.of(targets)))
			.withMessageStartingWith(message);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MappingProperties.class)
	@Import(AgreementMapper.class)
	static class MappingConfiguration {

	}

}
