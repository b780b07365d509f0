package dev.clickwrap.relay.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import dev.clickwrap.relay.ingest.RawHttpExchange.Answer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of hostile webhook requests sent over real HTTP to the running relay. Each
 * must be answered with the status it deserves, never with a server error or a dropped
 * connection, with {@code application/problem+json} whenever the relay itself refuses it,
 * and must store nothing unless it is a valid agreement.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileWebhookTests {

	private static final String TOKEN = "test-token";

	private static final String PATH = "/webhooks/clickwrap";

	/** The default of {@code relay.ingest.max-body-size}. */
	private static final int LIMIT = 64 * 1024;

	private static final int TEN_MEGABYTES = 10 * 1024 * 1024;

	private final AtomicInteger tried = new AtomicInteger();

	private final AtomicInteger serverErrors = new AtomicInteger();

	private final AtomicInteger storedWrongly = new AtomicInteger();

	private final AtomicInteger otherMismatches = new AtomicInteger();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final AtomicInteger activities = new AtomicInteger();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@TestFactory
	Stream<DynamicTest> eachHostileRequestIsRefusedWithoutServerErrorOrStrayRow() {
		List<HostileRequest> corpus = new ArrayList<>();
		corpus.addAll(wellFormedControls());
		corpus.addAll(malformedJson());
		corpus.addAll(invalidUnicode());
		corpus.addAll(wrongFieldTypes());
		corpus.addAll(nullAndMissingFields());
		corpus.addAll(eventTypes());
		corpus.addAll(sizes());
		corpus.addAll(framing());
		corpus.addAll(tokens());
		corpus.addAll(contentTypes());
		corpus.addAll(methodsAndPaths());
		return corpus.stream().map((request) -> DynamicTest.dynamicTest(request.name(), () -> exercise(request)));
	}

	@AfterAll
	void printSummary() {
		System.out.printf("hostile inputs on %s: %d tried, %d answered 5xx, %d stored wrongly, %d other mismatches%n",
				storage(), this.tried.get(), this.serverErrors.get(), this.storedWrongly.get(),
				this.otherMismatches.get());
		assertThat(this.tried).hasValueGreaterThanOrEqualTo(50);
	}

	/**
	 * The database the relay stores into, for the summary line.
	 * @return its name
	 */
	String storage() {
		return "H2";
	}

	private void exercise(HostileRequest request) throws Exception {
		long rowsBefore = storedRows();
		Answer answer = request.exchange().send();
		long stored = storedRows() - rowsBefore;

		this.tried.incrementAndGet();
		Expected expected = request.expected();
		boolean statusMatches = expected.exactStatus() ? answer.status() == expected.status()
				: answer.status() / 100 == expected.status() / 100;
		boolean problemMatches = !expected.problem() || isProblem(answer.contentType());
		if (answer.status() >= 500) {
			this.serverErrors.incrementAndGet();
		}
		else if (!statusMatches || !problemMatches) {
			this.otherMismatches.incrementAndGet();
		}
		if (stored != expected.storedRows()) {
			this.storedWrongly.incrementAndGet();
		}

		assertThat(answer.status()).as("status of %s", request.name())
			.isNotEqualTo(RawHttpExchange.NO_ANSWER)
			.isLessThan(500);
		if (expected.exactStatus()) {
			assertThat(answer.status()).as("status of %s", request.name()).isEqualTo(expected.status());
		}
		else {
			assertThat(answer.status()).as("status of %s", request.name()).isBetween(400, 499);
		}
		if (expected.problem()) {
			assertThat(answer.contentType()).as("Content-Type of %s", request.name())
				.startsWith("application/problem+json");
		}
		assertThat(stored).as("rows stored by %s", request.name()).isEqualTo(expected.storedRows());
	}

	private List<HostileRequest> wellFormedControls() {
		String activity = freshActivity();
		String body = WebhookControllerTests.agreed(activity, "n-" + activity);
		return List.of(new HostileRequest("valid agreement", stored(), json(body)),
				new HostileRequest("the same agreement again", ignored(), json(body)));
	}

	private List<HostileRequest> malformedJson() {
		String agreed = agreedWith("description", "\"x\"");
		String deepArrays = "[".repeat(10_000) + "]".repeat(10_000);
		String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
		return List.of(refusedJson("truncated object", "{\"event_type\":\"activity_agreed\",\"id\":\"n"),
				refusedJson("agreement cut in half", agreed.substring(0, agreed.length() / 2)),
				refusedJson("empty body", ""), refusedJson("whitespace only", " \r\n\t "),
				refusedJson("lone opening brace", "{"), refusedJson("trailing comma", "{\"event_type\":\"x\",}"),
				refusedJson("garbage after the object", agreedWith("description", "\"x\"") + " x"),
				refusedJson("two objects in a row", agreedWith("description", "\"x\"") + agreed),
				refusedJson("10k nested arrays", agreedWith("description", deepArrays)),
				refusedJson("10k nested objects", deepObjects),
				refusedJson("array at top level", "[" + agreedWith("description", "\"x\"") + "]"),
				refusedJson("string at top level", "\"activity_agreed\""), refusedJson("number at top level", "42"),
				refusedJson("null at top level", "null"), refusedJson("boolean at top level", "true"),
				refusedJson("duplicate activity key", agreedWith("activity", "\"a\",\"activity\":\"b\"")),
				refusedJson("duplicate event_type key",
						"{\"event_type\":\"test_event\",\"event_type\":\"activity_agreed\",\"id\":\"n\"}"),
				refusedJson("NUL byte between tokens", agreedWith("description", "\"x\"").replace(",", ",\u0000")),
				refusedJson("raw NUL byte inside a string", agreedWith("description", "\"a\u0000b\"")),
				refusedJson("single-quoted JSON", "{'event_type':'activity_agreed'}"),
				refusedJson("comment in JSON", "/* hi */" + agreedWith("description", "\"x\"")),
				refusedJson("NaN number", agreedWith("site", "NaN")),
				refusedJson("5k-digit integer site", agreedWith("site", "9".repeat(5_000))),
				refusedJson("5k-digit number in an unknown event",
						"{\"event_type\":\"contract_burned\",\"n\":" + "7".repeat(5_000) + "}"),
				refusedJson("5k-digit fraction", agreedWith("description", "0." + "1".repeat(5_000))));
	}

	private List<HostileRequest> invalidUnicode() {
		byte[] agreed = agreedWith("description", "\"x\"").getBytes(StandardCharsets.UTF_8);
		return List.of(refusedBytes("lone continuation byte", bytesInField("activity", 0x80)),
				refusedBytes("overlong slash", bytesInField("activity", 0xC0, 0xAF)),
				refusedBytes("overlong NUL", bytesInField("activity", 0xC0, 0x80)),
				refusedBytes("overlong three-byte slash", bytesInField("activity", 0xE0, 0x80, 0xAF)),
				refusedBytes("encoded high surrogate half", bytesInField("activity", 0xED, 0xA0, 0x80)),
				refusedBytes("encoded low surrogate half", bytesInField("activity", 0xED, 0xB0, 0x80)),
				refusedBytes("code point beyond U+10FFFF", bytesInField("activity", 0xF4, 0x90, 0x80, 0x80)),
				refusedBytes("bytes FE and FF", bytesInField("activity", 0xFE, 0xFF)),
				refusedBytes("truncated multibyte inside a string", bytesInField("activity", 0xE2, 0x82)),
				refusedBytes("truncated multibyte at the end", concat(agreed, bytes(0xE2, 0x82))),
				refusedBytes("UTF-16LE body", agreedWith("description", "\"x\"").getBytes(StandardCharsets.UTF_16LE)),
				refusedBytes("UTF-16 body with its BOM",
						agreedWith("description", "\"x\"").getBytes(StandardCharsets.UTF_16)),
				refusedBytes("UTF-8 BOM before the object", concat(bytes(0xEF, 0xBB, 0xBF), agreed)),
				refusedJson("escaped NUL in the activity", agreedWith("activity", "\"a\\u0000b\"")),
				refusedJson("escaped control character in the id", agreedWith("id", "\"n\\u0007\"")),
				refusedJson("escaped lone surrogate in the activity", agreedWith("activity", "\"\\ud800\"")));
	}

	private List<HostileRequest> wrongFieldTypes() {
		Map<String, List<String>> wrongValues = new LinkedHashMap<>();
		wrongValues.put("event_type", List.of("42", "true", "[]", "{}", "\"\"", quoted(300)));
		wrongValues.put("id", List.of("true", "1.5", "[]", "{}", "\"\"", "\"   \"", quoted(300)));
		wrongValues.put("site", List.of("\"abc\"", "1.5", "true", "[]", "{}", "1e400", "9223372036854775808"));
		wrongValues.put("activity", List.of("true", "1.5", "[\"a\"]", "{}", "\"\""));
		wrongValues.put("contract", List.of("\"x\"", "1.5", "false", "[]", "{}"));
		wrongValues.put("version", List.of("true", "1.5", "[]", "{}"));
		wrongValues.put("created_time", List.of("1603288559", "\"yesterday\"", "\"2020-13-45T00:00:00Z\"",
				"\"2020-10-21T13:55:59\"", "true", "{}"));
		wrongValues.put("group", List.of("\"x\"", "[]"));
		wrongValues.put("signer_id", List.of("{}", "false"));
		wrongValues.put("custom_data", List.of("[]", "\"text\"", "42"));
		List<HostileRequest> requests = new ArrayList<>();
		wrongValues.forEach((field, values) -> values.forEach(
				(value) -> requests.add(refusedJson(field + " = " + abbreviate(value), agreedWith(field, value)))));
		return requests;
	}

	private List<HostileRequest> nullAndMissingFields() {
		List<String> required = List.of("event_type", "id", "site", "activity", "contract", "version", "created_time");
		List<HostileRequest> requests = new ArrayList<>();
		for (String field : required) {
			requests.add(refusedJson(field + " = null", agreedWith(field, "null")));
		}
		requests.add(refusedJson("activity missing", agreedWith("activity", null)));
		requests.add(refusedJson("every required field null", "{\"event_type\":\"activity_agreed\",\"id\":null,"
				+ "\"site\":null,\"activity\":null,\"contract\":null,\"version\":null,\"created_time\":null}"));
		requests.add(refusedJson("empty object", "{}"));
		return requests;
	}

	private List<HostileRequest> eventTypes() {
		List<HostileRequest> requests = new ArrayList<>();
		for (String type : List.of("test_event", "activity_displayed", "activity_disagreed", "version_published",
				"group_published", "request_signed")) {
			requests.add(refusedJson(type + " without id", "{\"event_type\":\"" + type + "\",\"site\":1}"));
		}
		requests.add(new HostileRequest("unknown type", ignored(),
				json("{\"event_type\":\"contract_burned\",\"whatever\":[1,{\"a\":null}]}")));
		requests.add(new HostileRequest("unknown type without id", ignored(), json("{\"event_type\":\"x\"}")));
		requests.add(new HostileRequest("agreed type in capitals", ignored(),
				json(agreedWith("event_type", "\"ACTIVITY_AGREED\""))));
		requests.add(new HostileRequest("agreed type with a trailing space", ignored(),
				json(agreedWith("event_type", "\"activity_agreed \""))));
		requests.add(new HostileRequest("test_event with id", ignored(),
				json("{\"event_type\":\"test_event\",\"id\":\"t-1\"}")));
		return requests;
	}

	private List<HostileRequest> sizes() {
		String padding = "\"" + "x".repeat(60_000) + "\"";
		byte[] atLimit = bodyOfLength(LIMIT);
		byte[] overLimit = bodyOfLength(LIMIT + 1);
		byte[] tenMegabytes = new byte[TEN_MEGABYTES];
		Arrays.fill(tenMegabytes, (byte) ' ');
		return List.of(new HostileRequest("body of exactly 64 KiB", stored(), json(atLimit)),
				new HostileRequest("body one byte over 64 KiB", refused(413), json(overLimit)),
				new HostileRequest("60 kB custom_data value", stored(),
						json(agreedWith("custom_data", "{\"note\":" + padding + "}"))),
				refusedJson("60 kB activity", agreedWith("activity", padding)),
				new HostileRequest("10 MB body with Content-Length", refused(413), json(tenMegabytes)),
				new HostileRequest("10 MB chunked body", refused(413), chunkedJson(tenMegabytes)),
				new HostileRequest("raw chunked body over the limit", refused(413),
						raw(head("Transfer-Encoding: chunked"), chunked(overLimit, 4096), false)));
	}

	/**
	 * Broken HTTP framing. Tomcat notices it while the relay reads the body and answers
	 * through the error page, so with Spring Boot's JSON error body rather than the
	 * relay's problem; what matters is a 4xx and nothing stored. With both Content-Length
	 * and chunked, chunked decides as RFC 9112 says, so that valid agreement is stored.
	 */
	private List<HostileRequest> framing() {
		byte[] agreed = agreedWith("description", "\"x\"").getBytes(StandardCharsets.UTF_8);
		byte[] fifty = Arrays.copyOf(agreed, 50);
		return List.of(
				new HostileRequest("Content-Length longer than the body, then half-close", refusedByServer(),
						raw(head("Content-Length: " + agreed.length), fifty, true)),
				new HostileRequest("Content-Length shorter than the body", refused(400),
						raw(head("Content-Length: 50"), agreed, false)),
				new HostileRequest("Content-Length of 10 MB with a tiny body", refused(413),
						raw(head("Content-Length: " + TEN_MEGABYTES), fifty, true)),
				new HostileRequest("Content-Length not a number", refusedByServer(),
						raw(head("Content-Length: abc"), agreed, false)),
				new HostileRequest("negative Content-Length", refusedByServer(),
						raw(head("Content-Length: -1"), agreed, false)),
				new HostileRequest("two different Content-Lengths", refusedByServer(),
						raw(head("Content-Length: 50", "Content-Length: " + agreed.length), agreed, false)),
				new HostileRequest("Content-Length and chunked together, chunked wins", stored(),
						raw(head("Content-Length: 50", "Transfer-Encoding: chunked"), chunked(agreed, 100), false)),
				new HostileRequest("chunk size that is not hexadecimal", refusedByServer(),
						raw(head("Transfer-Encoding: chunked"), "zz\r\n{}\r\n0\r\n\r\n".getBytes(), false)),
				new HostileRequest("chunked body cut off, then half-close", refusedByServer(),
						raw(head("Transfer-Encoding: chunked"), "400\r\n{\"event_type\"".getBytes(), true)),
				new HostileRequest("gzip content encoding", refused(400), post(gzip(agreed), "Content-Type",
						"application/json", "Content-Encoding", "gzip", WebhookController.TOKEN_HEADER, TOKEN)));
	}

	private List<HostileRequest> tokens() {
		String body = agreedWith("description", "\"x\"");
		return List.of(
				new HostileRequest("token header name in lower case", stored(),
						raw(headWithoutToken(freshAgreement(), "pactsafe-webhook-token: " + TOKEN))),
				new HostileRequest("token header name in upper case", stored(),
						raw(headWithoutToken(freshAgreement(), "PACTSAFE-WEBHOOK-TOKEN: " + TOKEN))),
				new HostileRequest("no token", refused(401), post(bytes(body), "Content-Type", "application/json")),
				unauthorized("wrong token", body, "wrong-token"),
				unauthorized("token in other case", body, "TEST-TOKEN"),
				unauthorized("token with a prefix", body, "Bearer " + TOKEN),
				unauthorized("7000-character token", body, "t".repeat(7_000)),
				new HostileRequest("empty token", refused(401),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ":"))),
				new HostileRequest("a wrong and a right token header", refused(401),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ": wrong",
								WebhookController.TOKEN_HEADER + ": " + TOKEN))),
				new HostileRequest("the right token header twice", refused(401),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ": " + TOKEN,
								WebhookController.TOKEN_HEADER + ": " + TOKEN))),
				new HostileRequest("token with a Latin-1 byte", refused(401),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ": " + TOKEN + "\u00e9"))),
				new HostileRequest("token with a control character", refusedByServer(),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ": " + TOKEN + "\u0001"))),
				new HostileRequest("20000-character token header", refusedByServer(),
						raw(headWithoutToken(body, WebhookController.TOKEN_HEADER + ": " + "t".repeat(20_000)))),
				new HostileRequest("token only in Authorization", refused(401),
						post(bytes(body), "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN)),
				new HostileRequest("token only in the query", refused(401),
						send(HttpRequest.newBuilder(uri(PATH + "?" + WebhookController.TOKEN_HEADER + "=" + TOKEN))
							.header("Content-Type", "application/json")
							.POST(HttpRequest.BodyPublishers.ofString(body)))));
	}

	private List<HostileRequest> contentTypes() {
		byte[] body = bytes(agreedWith("description", "\"x\""));
		List<HostileRequest> requests = new ArrayList<>();
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "text/xml",
				"application/json; charset=latin1", "application/json; charset=utf-16",
				"application/json; charset=nonsense", "*/*", "application/*", "application/jsonx", "nonsense",
				"multipart/form-data", "multipart/form-data; boundary=")) {
			requests.add(new HostileRequest("Content-Type " + type, refused(415),
					post(body, "Content-Type", type, WebhookController.TOKEN_HEADER, TOKEN)));
		}
		byte[] multipart = bytes("--b0undary\r\nContent-Disposition: form-data; name=\"event\"\r\n"
				+ "Content-Type: application/json\r\n\r\n" + agreedWith("description", "\"x\"")
				+ "\r\n--b0undary--\r\n");
		requests.add(new HostileRequest("well-formed multipart", refused(415), post(multipart, "Content-Type",
				"multipart/form-data; boundary=b0undary", WebhookController.TOKEN_HEADER, TOKEN)));
		requests.add(new HostileRequest("multipart whose boundary never comes", refused(415), post(body, "Content-Type",
				"multipart/form-data; boundary=b0undary", WebhookController.TOKEN_HEADER, TOKEN)));
		requests.add(new HostileRequest("no Content-Type", refused(415), raw(
				head().replace("Content-Type: application/json\r\n", "") + "Content-Length: " + body.length + "\r\n",
				body, false)));
		return requests;
	}

	private List<HostileRequest> methodsAndPaths() {
		List<HostileRequest> requests = new ArrayList<>();
		for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
			requests.add(new HostileRequest(method + " on the webhook path", refused(405),
					send(HttpRequest.newBuilder(uri(PATH))
						.header("Content-Type", "application/json")
						.header(WebhookController.TOKEN_HEADER, TOKEN)
						.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
								: HttpRequest.BodyPublishers.ofString(agreedWith("description", "\"x\""))))));
		}
		requests.add(new HostileRequest("POST with a trailing slash", refused(404),
				send(HttpRequest.newBuilder(uri(PATH + "/"))
					.header("Content-Type", "application/json")
					.header(WebhookController.TOKEN_HEADER, TOKEN)
					.POST(HttpRequest.BodyPublishers.ofString(agreedWith("description", "\"x\""))))));
		return requests;
	}

	private HostileRequest refusedJson(String name, String body) {
		return new HostileRequest(name, refused(400), json(body));
	}

	private HostileRequest refusedBytes(String name, byte[] body) {
		return new HostileRequest(name, refused(400), json(body));
	}

	private HostileRequest unauthorized(String name, String body, String token) {
		return new HostileRequest(name, refused(401),
				post(bytes(body), "Content-Type", "application/json", WebhookController.TOKEN_HEADER, token));
	}

	private Exchange json(String body) {
		return json(bytes(body));
	}

	private Exchange json(byte[] body) {
		return post(body, "Content-Type", "application/json", WebhookController.TOKEN_HEADER, TOKEN);
	}

	private Exchange chunkedJson(byte[] body) {
		return send(HttpRequest.newBuilder(uri(PATH))
			.header("Content-Type", "application/json")
			.header(WebhookController.TOKEN_HEADER, TOKEN)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
	}

	private Exchange post(byte[] body, String... headers) {
		return send(
				HttpRequest.newBuilder(uri(PATH)).headers(headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	private Exchange send(HttpRequest.Builder request) {
		return () -> {
			try {
				HttpResponse<Void> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
						HttpResponse.BodyHandlers.discarding());
				return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null));
			}
			catch (IOException ex) {
				return new Answer(RawHttpExchange.NO_ANSWER, null);
			}
		};
	}

	private Exchange raw(String head, byte[] body, boolean halfClose) {
		return () -> RawHttpExchange.send(this.port, head, body, halfClose);
	}

	private Exchange raw(String headAndBody) {
		int end = headAndBody.indexOf("\r\n\r\n") + 2;
		return raw(headAndBody.substring(0, end), bytes(headAndBody.substring(end + 2)), false);
	}

	private String head(String... extraHeaders) {
		StringBuilder head = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n"
				+ "Content-Type: application/json\r\n" + WebhookController.TOKEN_HEADER + ": " + TOKEN + "\r\n"
				+ "Connection: close\r\n");
		for (String header : extraHeaders) {
			head.append(header).append("\r\n");
		}
		return head.toString();
	}

	/**
	 * A whole request with a Content-Length and the given token headers in place of the
	 * usual one.
	 */
	private String headWithoutToken(String body, String... tokenHeaders) {
		String head = head().replace(WebhookController.TOKEN_HEADER + ": " + TOKEN + "\r\n", "");
		StringBuilder request = new StringBuilder(head);
		for (String header : tokenHeaders) {
			request.append(header).append("\r\n");
		}
		request.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
		return request.append("\r\n").append(body).toString();
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private String freshActivity() {
		return "hostile-" + this.activities.incrementAndGet();
	}

	private String freshAgreement() {
		String activity = freshActivity();
		return WebhookControllerTests.agreed(activity, "n-" + activity);
	}

	/**
	 * A valid agreement with a fresh activity id, then one field replaced.
	 * @param field the field to replace or add
	 * @param rawValue its JSON text, or {@code null} to leave the field out
	 */
	private String agreedWith(String field, String rawValue) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("event_type", "\"activity_agreed\"");
		fields.put("id", "\"n-" + this.activities.get() + "\"");
		fields.put("site", "12345");
		fields.put("activity", "\"" + freshActivity() + "\"");
		fields.put("contract", "123");
		fields.put("version", "\"1234abcd\"");
		fields.put("created_time", "\"2020-10-21T13:55:59.070Z\"");
		fields.put("group", "123");
		fields.put("signer_id", "\"signer-42\"");
		fields.put("custom_data", "{\"opportunity_id\":\"006000000000001AAA\"}");
		if (rawValue != null) {
			fields.put(field, rawValue);
		}
		else {
			fields.remove(field);
		}
		return fields.entrySet()
			.stream()
			.map((entry) -> "\"" + entry.getKey() + "\":" + entry.getValue())
			.collect(Collectors.joining(",", "{", "}"));
	}

	/**
	 * A valid agreement whose text field holds the given bytes between {@code "a} and
	 * {@code z"}.
	 */
	private byte[] bytesInField(String field, int... raw) {
		String[] halves = agreedWith(field, "\"a@@z\"").split("@@");
		return concat(bytes(halves[0]), bytes(raw), bytes(halves[1]));
	}

	private byte[] bodyOfLength(int length) {
		String empty = agreedWith("description", "\"\"");
		int padding = length - bytes(empty).length;
		return bytes(empty.replace("\"description\":\"\"", "\"description\":\"" + "x".repeat(padding) + "\""));
	}

	private static String quoted(int length) {
		return "\"" + "q".repeat(length) + "\"";
	}

	private static String abbreviate(String value) {
		return (value.length() > 20) ? value.substring(0, 10) + "...(" + value.length() + " chars)" : value;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			joined.writeBytes(part);
		}
		return joined.toByteArray();
	}

	private static byte[] chunked(byte[] body, int chunkSize) {
		ByteArrayOutputStream chunked = new ByteArrayOutputStream();
		for (int offset = 0; offset < body.length; offset += chunkSize) {
			int length = Math.min(chunkSize, body.length - offset);
			chunked.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			chunked.write(body, offset, length);
			chunked.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		chunked.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return chunked.toByteArray();
	}

	private static byte[] gzip(byte[] body) {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(body);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not compress in memory", ex);
		}
		return compressed.toByteArray();
	}

	private static boolean isProblem(String contentType) {
		return contentType != null && contentType.startsWith("application/problem+json");
	}

	private long storedRows() {
		return this.jdbc.sql("select count(*) from clickwrap_event").query(Long.class).single();
	}

	private static Expected refused(int status) {
		return new Expected(status, true, true, 0);
	}

	/**
	 * Refused by the HTTP server for broken framing or headers, so with the server's own
	 * answer, not a problem.
	 */
	private static Expected refusedByServer() {
		return new Expected(400, false, false, 0);
	}

	private static Expected ignored() {
		return new Expected(202, true, false, 0);
	}

	private static Expected stored() {
		return new Expected(202, true, false, 1);
	}

	@FunctionalInterface
	private interface Exchange {

		Answer send() throws Exception;

	}

	/**
	 * The answer a hostile request deserves.
	 *
	 * @param status the expected status
	 * @param exactStatus whether the status must match exactly or only its class
	 * @param problem whether the answer must be {@code application/problem+json}
	 * @param storedRows how many rows the request must add
	 */
	private record Expected(int status, boolean exactStatus, boolean problem, int storedRows) {
	}

	private record HostileRequest(String name, Expected expected, Exchange exchange) {
	}

}
