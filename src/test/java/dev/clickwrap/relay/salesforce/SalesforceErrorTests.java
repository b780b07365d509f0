package dev.clickwrap.relay.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceErrorTests {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void readsTheFirstErrorOfASingleResourceReply() throws Exception {
		SalesforceError error = SalesforceError.from(400, json("[{\"message\":\"Email: invalid email address\","
				+ "\"errorCode\":\"INVALID_EMAIL_ADDRESS\",\"fields\":[\"Email\"]},{\"errorCode\":\"OTHER\"}]"));

		assertThat(error.errorCode()).isEqualTo("INVALID_EMAIL_ADDRESS");
		assertThat(error.message()).isEqualTo("Email: invalid email address");
		assertThat(error.fields()).containsExactly("Email");
	}

	@Test
	void readsTheStatusCodeOfACollectionResult() throws Exception {
		SalesforceError error = SalesforceError.from(200, json("{\"success\":false,\"errors\":[{\"statusCode\":"
				+ "\"DUPLICATE_VALUE\",\"message\":\"duplicate value found\",\"fields\":[\"Clickwrap_Key__c\"]}]}"));

		assertThat(error.errorCode()).isEqualTo("DUPLICATE_VALUE");
		assertThat(error.message()).isEqualTo("duplicate value found");
		assertThat(error.fields()).containsExactly("Clickwrap_Key__c");
	}

	@Test
	void readsABareCollectionError() throws Exception {
		SalesforceError error = SalesforceError.from(0,
				json("{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access\"}"));

		assertThat(error.errorCode()).isEqualTo("UNABLE_TO_LOCK_ROW");
	}

	@Test
	void readsAnOAuthError() throws Exception {
		SalesforceError error = SalesforceError.from(400,
				json("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}"));

		assertThat(error.errorCode()).isEqualTo("invalid_client");
		assertThat(error.message()).isEqualTo("invalid client credentials");
	}

	@Test
	void describesABodyWithoutErrorDetails() {
		SalesforceError error = SalesforceError.from(502, null);

		assertThat(error.errorCode()).isNull();
		assertThat(error.message()).contains("502");
	}

	@Test
	void describesSeveralMatchingRecordsByTheirCount() throws Exception {
		SalesforceError error = SalesforceError.from(300, json("[\"/services/data/v66.0/sobjects/Contact/003A\","
				+ "\"/services/data/v66.0/sobjects/Contact/003B\",\"/services/data/v66.0/sobjects/Contact/003C\"]"));

		assertThat(error.errorCode()).isNull();
		assertThat(error.message()).contains("3 matches");
	}

	private JsonNode json(String text) throws Exception {
		return this.mapper.readTree(text);
	}

}
