package dev.clickwrap.relay.events;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClickwrapEventParserTests {

	static final String AGREED = """
			{"type":"webhook","sent_to":"https://example.com/webhooks/clickwrap","site":12345,"integration":"123",
			 "event_type":"activity_agreed","description":"someone agreed to Privacy Policy in Group Example",
			 "custom_data":{"first_name":"John","last_name":"Walker","company_name":"Sedona Networks",
			 "opportunity_id":"006000000000001AAA","seats":12,"tags":["a","b"],"empty":null},
			 "deliverable":true,"created_time":"2020-10-21T13:55:59.070Z","group":123,"contract":123,
			 "version":"1234abcd","activity":"abcd1234abcd1234","signer_id":"signer-42",
			 "updated_time":"2020-10-21T13:55:59.150Z","id":"123abc123abc"}""";

	private final ClickwrapEventParser parser = new ClickwrapEventParser();

	@Test
	void agreedBodyBecomesAnActivityAgreedWithEveryField() {
		ClickwrapEvent event = parse(AGREED);

		assertThat(event).isInstanceOf(ActivityAgreed.class);
		ActivityAgreed agreed = (ActivityAgreed) event;
		assertThat(agreed.notificationId()).isEqualTo("123abc123abc");
		assertThat(agreed.site()).isEqualTo(12345);
		assertThat(agreed.activity()).isEqualTo("abcd1234abcd1234");
		assertThat(agreed.contract()).isEqualTo(123);
		assertThat(agreed.version()).isEqualTo("1234abcd");
		assertThat(agreed.group()).isEqualTo(123);
		assertThat(agreed.signerId()).isEqualTo("signer-42");
		assertThat(agreed.createdTime()).isEqualTo(Instant.parse("2020-10-21T13:55:59.070Z"));
		assertThat(agreed.customData()).containsEntry("first_name", "John")
			.containsEntry("opportunity_id", "006000000000001AAA")
			.containsEntry("seats", "12")
			.containsEntry("tags", "[\"a\",\"b\"]")
			.doesNotContainKey("empty");
		assertThat(agreed.deduplicationKey()).isEqualTo("12345/abcd1234abcd1234/activity_agreed");
	}

	@Test
	void agreedBodyWithoutSignerOrCustomDataIsStillAnAgreement() {
		ActivityAgreed agreed = (ActivityAgreed) parse("""
				{"event_type":"activity_agreed","id":"n1","site":"12345","activity":"a1","contract":9,
				 "version":"v1","created_time":"2020-10-21T13:55:59Z"}""");

		assertThat(agreed.signerId()).isNull();
		assertThat(agreed.customData()).isEmpty();
		assertThat(agreed.group()).isNull();
		assertThat(agreed.site()).isEqualTo(12345);
	}

	@Test
	void agreedBodyLackingRequiredFieldsNamesEachOfThem() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> parse("{\"event_type\":\"activity_agreed\",\"site\":1,\"contract\":\"x\"}"))
			.satisfies((ex) -> {
				assertThat(ex.missingFields()).containsExactly("id", "activity", "version", "created_time");
				assertThat(ex.invalidFields()).containsExactly("contract");
				assertThat(ex.eventType()).isEqualTo("activity_agreed");
			})
			.withMessageContaining("id, activity, version, created_time")
			.withMessageContaining("contract");
	}

	@Test
	void agreedBodyWithUnreadableTimeIsInvalid() {
		String body = AGREED.replace("2020-10-21T13:55:59.070Z", "yesterday");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("created_time"));
	}

	@Test
	void customDataThatIsNotAnObjectIsInvalid() {
		String body = AGREED.replaceFirst("\"custom_data\":\\{[^}]*\\}", "\"custom_data\":\"text\"");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("custom_data"));
	}

	@Test
	void overlongIdIsInvalidRatherThanTruncated() {
		String body = AGREED.replace("abcd1234abcd1234", "a".repeat(ClickwrapEventParser.MAX_TEXT_LENGTH + 1));

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("activity"));
	}

	@Test
	void bodyWithoutEventTypeIsInvalid() {
		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse("{\"id\":\"n1\"}"))
			.satisfies((ex) -> assertThat(ex.missingFields()).containsExactly("event_type"));
	}

	@Test
	void eachDocumentedEventTypeHasItsOwnType() {
		assertThat(parse("{\"event_type\":\"test_event\",\"id\":\"n\",\"site\":1}")).isInstanceOf(TestEvent.class);
		assertThat(parse("{\"event_type\":\"activity_displayed\",\"id\":\"n\",\"activity\":\"a\"}"))
			.isInstanceOf(ActivityEvent.class);
		assertThat(parse("{\"event_type\":\"version_published\",\"id\":\"n\",\"contract\":3,\"version\":\"v\"}"))
			.isEqualTo(new VersionPublished("n", null, 3L, "v", null));
		assertThat(parse("{\"event_type\":\"group_published\",\"id\":\"n\",\"group\":4,\"custom_data\":{}}"))
			.isEqualTo(new GroupPublished("n", null, 4L, null));
		for (String type : new String[] { "request_sent", "request_signed", "request_complete", "request_expired" }) {
			assertThat(parse("{\"event_type\":\"" + type + "\",\"id\":\"n\",\"request\":\"r\"}"))
				.isEqualTo(new SignatureRequestEvent("n", type, null, "r", null));
		}
	}

	@Test
	void unknownEventTypeIsKeptAsUnrecognised() {
		assertThat(parse("{\"event_type\":\"contract_burned\",\"whatever\":[1,2]}"))
			.isEqualTo(new UnrecognisedEvent("", "contract_burned"));
	}

	@Test
	void activitiesOtherThanAgreedAreDeduplicatedPerAcceptanceToo() {
		ClickwrapEvent displayed = parse(
				"{\"event_type\":\"activity_displayed\",\"id\":\"n\",\"site\":5," + "\"activity\":\"a\"}");

		assertThat(displayed.deduplicationKey()).isEqualTo("5/a/activity_displayed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "[]", "\"text\"", "42", "null", "{", "{\"a\":1,}", "{\"a\":1} {}",
			"{\"id\":\"x\",\"id\":\"y\",\"event_type\":\"test_event\"}", "{'event_type':'test_event'}" })
	void malformedBodiesAreRefused(String body) {
		assertThatExceptionOfType(MalformedBodyException.class).isThrownBy(() -> parse(body));
	}

	@Test
	void invalidUtf8IsRefused() {
		byte[] body = "{\"event_type\":\"test_event\",\"id\":\"\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);

		assertThatExceptionOfType(MalformedBodyException.class).isThrownBy(() -> this.parser.parse(body));
	}

	@ParameterizedTest
	@ValueSource(strings = { "C0AF", "C080", "E080AF", "EDA080", "EDB080", "F4908080", "E282" })
	void overlongSurrogateAndTruncatedUtf8AreRefusedThoughTheJsonParserWouldTakeThem(String hex) {
		String[] halves = AGREED.split("abcd1234abcd1234");
		byte[] body = concat(halves[0].getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex),
				halves[1].getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(MalformedBodyException.class).isThrownBy(() -> this.parser.parse(body));
	}

	@Test
	void utf16BodiesAndAUtf8ByteOrderMarkAreRefused() {
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

		assertThatExceptionOfType(MalformedBodyException.class)
			.isThrownBy(() -> this.parser.parse(AGREED.getBytes(StandardCharsets.UTF_16LE)));
		assertThatExceptionOfType(MalformedBodyException.class)
			.isThrownBy(() -> this.parser.parse(AGREED.getBytes(StandardCharsets.UTF_16)));
		assertThatExceptionOfType(MalformedBodyException.class)
			.isThrownBy(() -> this.parser.parse(concat(bom, AGREED.getBytes(StandardCharsets.UTF_8))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\\u0000b", "a\\u0007", "\\ud800", "a\\udc00b", "tab\\there" })
	void idWithAControlCharacterOrAnUnpairedSurrogateIsInvalid(String escapedActivity) {
		String body = AGREED.replace("abcd1234abcd1234", escapedActivity);

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("activity"));
	}

	@Test
	void idWithCharactersBeyondTheBasicPlaneIsKept() {
		ActivityAgreed agreed = (ActivityAgreed) parse(AGREED.replace("abcd1234abcd1234", "caf\u00e9-\ud83d\ude00"));

		assertThat(agreed.activity()).isEqualTo("caf\u00e9-\ud83d\ude00");
	}

	@Test
	void numericEventTypeIsInvalid() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> parse("{\"event_type\":42,\"id\":\"n\"}"))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("event_type"));
	}

	@Test
	void deeplyNestedBodyIsRefused() {
		String body = "{\"event_type\":\"test_event\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

		assertThatExceptionOfType(MalformedBodyException.class).isThrownBy(() -> parse(body));
	}

	@Test
	void hugeNumberIsRefused() {
		String body = AGREED.replace("\"site\":12345", "\"site\":" + "9".repeat(5_000));

		assertThatExceptionOfType(MalformedBodyException.class).isThrownBy(() -> parse(body));
	}

	@Test
	void siteBeyondTheRangeOfALongIsInvalid() {
		String body = AGREED.replace("\"site\":12345", "\"site\":99999999999999999999999");

		assertThatExceptionOfType(InvalidEventException.class).isThrownBy(() -> parse(body))
			.satisfies((ex) -> assertThat(ex.invalidFields()).containsExactly("site"));
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			joined.writeBytes(part);
		}
		return joined.toByteArray();
	}

	private ClickwrapEvent parse(String body) {
		return this.parser.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
