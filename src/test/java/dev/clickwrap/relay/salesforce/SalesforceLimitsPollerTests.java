package dev.clickwrap.relay.salesforce;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class SalesforceLimitsPollerTests {

	@RegisterExtension
	static final WireMockExtension salesforce = SalesforceStubs.server();

	@Test
	void dailyAllowanceGaugesAreUnknownUntilRead() {
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));

		assertThat(gauge(wiring, SalesforceCallMetrics.DAILY_REMAINING)).isNaN();
		assertThat(gauge(wiring, SalesforceCallMetrics.DAILY_MAX)).isNaN();
	}

	@Test
	void pollPublishesTheDailyAllowance() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(get(urlEqualTo("/services/data/v66.0/limits")).willReturn(okJson(
				"{\"DailyApiRequests\":{\"Max\":115000,\"Remaining\":114321},\"DailyBulkApiBatches\":{\"Max\":15000,"
						+ "\"Remaining\":15000}}")));
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));

		poller(wiring).poll();

		assertThat(gauge(wiring, SalesforceCallMetrics.DAILY_MAX)).isEqualTo(115000);
		assertThat(gauge(wiring, SalesforceCallMetrics.DAILY_REMAINING)).isEqualTo(114321);
		assertThat(wiring.calls("limits", "success")).isEqualTo(1);
	}

	@Test
	void aFailedPollKeepsTheGaugesAndCountsTheFailure() {
		SalesforceStubs.stubToken(salesforce, "token-1");
		salesforce.stubFor(get(urlEqualTo("/services/data/v66.0/limits"))
			.willReturn(SalesforceStubs.errorReply(503, "SERVER_UNAVAILABLE")));
		SalesforceStubs.Wiring wiring = SalesforceStubs.Wiring.of(SalesforceStubs.clientCredentials(salesforce));
		wiring.metrics().dailyAllowance(100000, 50);

		poller(wiring).poll();

		assertThat(gauge(wiring, SalesforceCallMetrics.DAILY_REMAINING)).isEqualTo(50);
		assertThat(wiring.calls("limits", "transient")).isEqualTo(1);
	}

	private static SalesforceLimitsPoller poller(SalesforceStubs.Wiring wiring) {
		return new SalesforceLimitsPoller(SalesforceStubs.clientCredentials(salesforce), wiring.transport(),
				wiring.metrics(), new ThreadPoolTaskScheduler());
	}

	private static double gauge(SalesforceStubs.Wiring wiring, String name) {
		return wiring.registry().get(name).gauge().value();
	}

}
