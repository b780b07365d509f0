package dev.clickwrap.relay.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Salesforce org in a WireMock server: it hands out tokens, answers composite calls whose subrequests are sObject
 * collection updates and upserts record by record, and remembers every record it wrote, so tests can tell a record
 * written twice from one created twice. Failures are switched on per test.
 */
final class FakeSalesforce {

	static final String API_VERSION = "v66.0";

	private static final ObjectMapper json = new ObjectMapper();

	private final WireMockServer server;

	private final Map<String, AtomicInteger> writesByRecord = new ConcurrentHashMap<>();

	private final Map<String, String> createdIds = new ConcurrentHashMap<>();

	private final AtomicInteger compositeCalls = new AtomicInteger();

	private final AtomicInteger idSequence = new AtomicInteger();

	private final AtomicReference<CallFailure> callFailure = new AtomicReference<>();

	private volatile String rejectedRecordId;

	FakeSalesforce() {
		this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
			.dynamicPort()
			.extensions(new CompositeResponder()));
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/services/oauth2/token")).willReturn(okJson("{\"access_token\":\"tok\","
				+ "\"instance_url\":\"" + baseUrl() + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1\"}")));
		this.server.stubFor(post(urlEqualTo("/services/data/" + API_VERSION + "/composite"))
			.willReturn(aResponse().withTransformers(CompositeResponder.NAME)));
		this.server.stubFor(get(urlEqualTo("/services/data/" + API_VERSION + "/limits"))
			.willReturn(okJson("{\"DailyApiRequests\":{\"Max\":100000,\"Remaining\":99000}}")));
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	int compositeCalls() {
		return this.compositeCalls.get();
	}

	/** How many times each record was written, keyed by object and Id or external id. */
	Map<String, Integer> writesByRecord() {
		Map<String, Integer> copy = new java.util.TreeMap<>();
		this.writesByRecord.forEach((key, count) -> copy.put(key, count.get()));
		return copy;
	}

	/** Every upserted record was created exactly once, whatever the number of writes. */
	int createdRecords() {
		return this.createdIds.size();
	}

	/** Answer every composite call with this status and error code, until {@link #heal()}. */
	void failCalls(int status, String errorCode) {
		this.callFailure.set(new CallFailure(status, errorCode));
	}

	void heal() {
		this.callFailure.set(null);
	}

	/** Refuse, within otherwise successful collection replies, the record with this Id. */
	void rejectRecord(String id) {
		this.rejectedRecordId = id;
	}

	void reset() {
		heal();
		this.rejectedRecordId = null;
		this.writesByRecord.clear();
		this.createdIds.clear();
		this.compositeCalls.set(0);
		this.server.resetRequests();
	}

	void stop() {
		this.server.stop();
	}

	WireMockServer server() {
		return this.server;
	}

	private ResponseDefinition answer(JsonNode request) {
		this.compositeCalls.incrementAndGet();
		CallFailure failure = this.callFailure.get();
		if (failure != null) {
			return aResponse().withStatus(failure.status())
				.withHeader("Content-Type", "application/json")
				.withBody("[{\"message\":\"fake failure\",\"errorCode\":\"" + failure.errorCode() + "\"}]")
				.build();
		}
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
			count(type + "/" + id);
			result.put("id", id).put("success", true).putArray("errors");
			return result;
		}
		String key = type + "/" + externalIdField + "/" + record.path(externalIdField).asText();
		count(key);
		boolean created = this.createdIds.putIfAbsent(key, "003" + this.idSequence.incrementAndGet()) == null;
		result.put("id", this.createdIds.get(key)).put("success", true).put("created", created).putArray("errors");
		return result;
	}

	private void count(String key) {
		this.writesByRecord.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
	}

	private record CallFailure(int status, String errorCode) {
	}

	private final class CompositeResponder implements ResponseDefinitionTransformerV2 {

		static final String NAME = "fake-salesforce-composite";

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			try {
				return answer(json.readTree(serveEvent.getRequest().getBodyAsString()));
			}
			catch (java.io.IOException ex) {
				return aResponse().withStatus(400).withBody("[{\"errorCode\":\"JSON_PARSER_ERROR\"}]").build();
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
