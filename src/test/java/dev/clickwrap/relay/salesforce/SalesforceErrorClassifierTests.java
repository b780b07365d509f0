package dev.clickwrap.relay.salesforce;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SalesforceErrorClassifierTests {

	@Test
	void serverErrorsAreTransient() {
		assertThat(SalesforceErrorClassifier.classify(500, "UNKNOWN_EXCEPTION")).isEqualTo(FailureKind.TRANSIENT);
		assertThat(SalesforceErrorClassifier.classify(502, null)).isEqualTo(FailureKind.TRANSIENT);
		assertThat(SalesforceErrorClassifier.classify(503, "SERVER_UNAVAILABLE")).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void aLockedRowIsTransientDespiteItsClientErrorStatus() {
		assertThat(SalesforceErrorClassifier.classify(400, "UNABLE_TO_LOCK_ROW")).isEqualTo(FailureKind.TRANSIENT);
	}

	@Test
	void aSpentAllowanceIsThrottled() {
		assertThat(SalesforceErrorClassifier.classify(403, "REQUEST_LIMIT_EXCEEDED")).isEqualTo(FailureKind.THROTTLED);
	}

	@Test
	void aDuplicateValueIsARaceBetweenCreates() {
		assertThat(SalesforceErrorClassifier.classify(400, "DUPLICATE_VALUE")).isEqualTo(FailureKind.DUPLICATE_RACE);
	}

	@Test
	void collectionItemsWithoutStatusAreClassifiedByTheirCode() {
		assertThat(SalesforceErrorClassifier.classify(0, "DUPLICATE_VALUE")).isEqualTo(FailureKind.DUPLICATE_RACE);
		assertThat(SalesforceErrorClassifier.classify(0, "UNABLE_TO_LOCK_ROW")).isEqualTo(FailureKind.TRANSIENT);
		assertThat(SalesforceErrorClassifier.classify(0, "STRING_TOO_LONG")).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void requestsThatCannotSucceedAsSentArePermanent() {
		assertThat(SalesforceErrorClassifier.classify(400, "INVALID_FIELD")).isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(400, "REQUIRED_FIELD_MISSING")).isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(400, "MALFORMED_ID")).isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(400, "FIELD_CUSTOM_VALIDATION_EXCEPTION"))
			.isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(400, "INVALID_CROSS_REFERENCE_KEY"))
			.isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(403, "INSUFFICIENT_ACCESS")).isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(404, "NOT_FOUND")).isEqualTo(FailureKind.PERMANENT);
		assertThat(SalesforceErrorClassifier.classify(404, null)).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void severalMatchingRecordsArePermanent() {
		assertThat(SalesforceErrorClassifier.classify(300, null)).isEqualTo(FailureKind.PERMANENT);
	}

	@Test
	void aSuccessIsNotAFailureToClassify() {
		assertThatIllegalArgumentException().isThrownBy(() -> SalesforceErrorClassifier.classify(201, null));
	}

}
