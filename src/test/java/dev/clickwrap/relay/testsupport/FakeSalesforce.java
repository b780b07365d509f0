package dev.clickwrap.relay.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Salesforce org in a WireMock server on loopback: it hands out numbered access tokens,
 * answers composite calls whose subrequests are sObject collection updates and upserts
 * record by record, and remembers every record it wrote and every record an upsert
 * created, so tests can tell a record written twice from one created twice. Faults are
 * switched on per test: whole-call errors, connection resets, slow answers, expired
 * sessions and rejected records.
 */
public final class FakeSalesforce {

	public static final String API_VERSION = "v66.0";

	private static final ObjectMapper json = new ObjectMapper();

	/**
	 * Enough server threads for every caller of a concurrent burst to be answered at
	 * once.
	 */
	private static final int SERVER_THREADS = 64;

	private final WireMockServer server;

	private final Map<String, AtomicInteger> writesByRecord = new ConcurrentHashMap<>();

	private final Map<String, String> createdIds = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> creationsByRecord = new ConcurrentHashMap<>();

	private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();

	private final AtomicInteger compositeCalls = new AtomicInteger();

	private final AtomicInteger rejectedSessions = new AtomicInteger();

	private final AtomicInteger connectionResets = new AtomicInteger();

	private final AtomicInteger failedCalls = new AtomicInteger();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger idSequence = new AtomicInteger();

	private final AtomicReference<CallFailure> callFailure = new AtomicReference<>();

	private volatile Duration delay = Duration.ZERO;

	private volatile String rejectedRecordId;

	public FakeSalesforce() {
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(SERVER_THREADS)
			.extensions(new TokenResponder(), new CompositeResponder()));
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/services/oauth2/token"))
			.willReturn(aResponse().withTransformers(TokenResponder.NAME)));
		this.server.stubFor(post(urlEqualTo("/services/data/" + API_VERSION + "/composite"))
			.willReturn(aResponse().withTransformers(CompositeResponder.NAME)));
		this.server.stubFor(get(urlEqualTo("/services/data/" + API_VERSION + "/limits"))
			.willReturn(okJson("{\"DailyApiRequests\":{\"Max\":100000,\"Remaining\":99000}}")));
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Every composite call received, the failed and rejected ones included. */
	public int compositeCalls() {
		return this.compositeCalls.get();
	}

	/**
	 * How many times each record was written, keyed by object and Id or by object,
	 * external-id field and value.
	 */
	public Map<String, Integer> writesByRecord() {
		return snapshot(this.writesByRecord);
	}

	/** How many distinct records upserts created. */
	public int createdRecords() {
		return this.createdIds.size();
	}

	/**
	 * How many times each upserted record was created, keyed like
	 * {@link #writesByRecord()}; a value above 1 is a record that exists twice in the
	 * org.
	 */
	public Map<String, Integer> creationsByRecord() {
		return snapshot(this.creationsByRecord);
	}

	/** How many token requests the token endpoint answered. */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/** How many composite calls were refused with {@code INVALID_SESSION_ID}. */
	public int rejectedSessions() {
		return this.rejectedSessions.get();
	}

	/** How many composite calls had their connection reset instead of an answer. */
	public int connectionResets() {
		return this.connectionResets.get();
	}

	/**
	 * How many composite calls were answered with an error on purpose; resets are counted
	 * apart.
	 */
	public int failedCalls() {
		return this.failedCalls.get();
	}

	/**
	 * Answer every composite call with this status and error code, until {@link #heal()}.
	 */
	public void failCalls(int status, String errorCode) {
		this.callFailure.set(new CallFailure(status, errorCode, false));
	}

	/**
	 * Reset the connection of every composite call without an answer, until
	 * {@link #heal()}. The JDK's {@code HttpURLConnection} sends a POST again once,
	 * silently, when its connection is reset, so a caller using it sees one failure for
	 * every two resets.
	 */
	public void resetConnections() {
		this.callFailure.set(new CallFailure(0, null, true));
	}

	public void heal() {
		this.callFailure.set(null);
	}

	/**
	 * Answer every composite call only after this long; the records are written after the
	 * wait.
	 */
	public void delayCalls(Duration delay) {
		this.delay = delay;
	}

	/**
	 * Refuse from now on, with 401 {@code INVALID_SESSION_ID}, every access token handed
	 * out so far.
	 */
	public void expireIssuedTokens() {
		int issued = this.tokenRequests.get();
		for (int token = 1; token <= issued; token++) {
			this.expiredTokens.add(token(token));
		}
	}

	/**
	 * Refuse, within otherwise successful collection replies, the record with this Id.
	 */
	public void rejectRecord(String id) {
		this.rejectedRecordId = id;
	}

	/**
	 * Forget the records, counts and faults; the tokens handed out so far stay valid or
	 * expired as they were.
	 */
	public void reset() {
		heal();
		this.delay = Duration.ZERO;
		this.rejectedRecordId = null;
		this.writesByRecord.clear();
		this.createdIds.clear();
		this.creationsByRecord.clear();
		this.compositeCalls.set(0);
		this.rejectedSessions.set(0);
		this.connectionResets.set(0);
		this.failedCalls.set(0);
		this.server.resetRequests();
	}

	public void stop() {
		this.server.stop();
	}

	public WireMockServer server() {
		return this.server;
	}

	private static String token(int number) {
		return "tok-" + number;
	}

	private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
		Map<String, Integer> copy = new TreeMap<>();
		counts.forEach((key, count) -> copy.put(key, count.get()));
		return copy;
	}

	private ResponseDefinition issueToken() {
		String token = token(this.tokenRequests.incrementAndGet());
		return okJson("{\"access_token\":\"" + token + "\",\"instance_url\":\"" + baseUrl()
				+ "\",\"token_type\":\"Bearer\",\"issued_at\":\"1\"}")
			.build();
	}

	private ResponseDefinition answer(ServeEvent serveEvent) throws IOException {
		this.compositeCalls.incrementAndGet();
		pause();
		String authorization = serveEvent.getRequest().getHeader("Authorization");
		if (authorization != null && this.expiredTokens.contains(authorization.replaceFirst("^Bearer ", ""))) {
			this.rejectedSessions.incrementAndGet();
			return errorReply(401, "INVALID_SESSION_ID", "Session expired or invalid");
		}
		CallFailure failure = this.callFailure.get();
		if (failure != null) {
			if (failure.reset()) {
				this.connectionResets.incrementAndGet();
				return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
			}
			this.failedCalls.incrementAndGet();
			return errorReply(failure.status(), failure.errorCode(), "fake failure");
		}
		JsonNode request = json.readTree(serveEvent.getRequest().getBodyAsString());
		ObjectNode reply = json.createObjectNode();
		ArrayNode responses = reply.putArray("compositeResponse");
		for (JsonNode subrequest : request.path("compositeRequest")) {
			ObjectNode response = responses.addObject();
			response.put("referenceId", subrequest.path("referenceId").asText());
			response.put("httpStatusCode", 200);
			ArrayNode results = response.putArray("body");
			String url = subrequest.path("url").asText();
			String[] path = url.substring(url.indexOf("/composite/sobjects") + "/composite/sobjects".length())
				.split("/");
			for (JsonNode record : subrequest.path("body").path("records")) {
				results.add(write(record, (path.length == 3) ? path[2] : null));
			}
		}
		return okJson(reply.toString()).build();
	}

	private void pause() {
		long millis = this.delay.toMillis();
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static ResponseDefinition errorReply(int status, String errorCode, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("[{\"message\":\"" + message + "\",\"errorCode\":\"" + errorCode + "\"}]")
			.build();
	}

	private ObjectNode write(JsonNode record, String externalIdField) {
		String type = record.path("attributes").path("type").asText();
		ObjectNode result = json.createObjectNode();
		if (externalIdField == null) {
			String id = record.path("id").asText();
			if (id.equals(this.rejectedRecordId)) {
				result.put("success", false);
				ObjectNode error = result.putArray("errors").addObject();
				error.put("statusCode", "INVALID_CROSS_REFERENCE_KEY");
				error.put("message", "invalid cross reference id");
				return result;
			}
			count(this.writesByRecord, type + "/" + id);
			result.put("id", id).put("success", true).putArray("errors");
			return result;
		}
		String key = type + "/" + externalIdField + "/" + record.path(externalIdField).asText();
		count(this.writesByRecord, key);
		boolean created = this.createdIds.putIfAbsent(key, "003" + this.idSequence.incrementAndGet()) == null;
		if (created) {
			count(this.creationsByRecord, key);
		}
		result.put("id", this.createdIds.get(key)).put("success", true).put("created", created).putArray("errors");
		return result;
	}

	private static void count(Map<String, AtomicInteger> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	private record CallFailure(int status, String errorCode, boolean reset) {
	}

	private final class TokenResponder implements ResponseDefinitionTransformerV2 {

		static final String NAME = "fake-salesforce-token";

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			return issueToken();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

	private final class CompositeResponder implements ResponseDefinitionTransformerV2 {

		static final String NAME = "fake-salesforce-composite";

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			try {
				return answer(serveEvent);
			}
			catch (IOException ex) {
				return errorReply(400, "JSON_PARSER_ERROR", "unreadable request");
			}
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return NAME;
		}

	}

}
