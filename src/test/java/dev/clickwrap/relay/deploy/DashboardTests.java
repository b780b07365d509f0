package dev.clickwrap.relay.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard must be valid JSON, query only metrics that the relay (and
 * Resilience4j) publish, and ship identically in the repository and in the Helm chart.
 */
class DashboardTests {

	static final Path DASHBOARD = Path.of("deploy", "grafana", "dashboards", "clickwrap-relay.json");

	/**
	 * The series the relay exposes on /actuator/prometheus that the dashboard is meant to
	 * show.
	 */
	static final Set<String> RELAY_METRICS = Set.of("relay_webhooks_received_total",
			"relay_webhooks_ingest_seconds_bucket", "relay_delivery_latency_seconds_bucket",
			"relay_delivery_attempts_total", "relay_delivery_waiting", "relay_delivery_parked",
			"relay_delivery_oldest_waiting_age_seconds", "resilience4j_circuitbreaker_state",
			"relay_salesforce_api_calls_total", "relay_salesforce_api_daily_remaining",
			"relay_salesforce_api_daily_max");

	private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:relay|resilience4j)_[a-z0-9_]+)\\b");

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void dashboardIsValidJsonWithATitleAStableUidAndPanels() throws IOException {
		JsonNode dashboard = this.json.readTree(DASHBOARD.toFile());

		assertThat(dashboard.path("uid").asText()).isEqualTo("clickwrap-relay");
		assertThat(dashboard.path("title").asText()).isNotBlank();
		assertThat(queryPanels(dashboard)).hasSizeGreaterThanOrEqualTo(10);
	}

	@Test
	void everyPanelQueriesOnlyKnownMetrics() throws IOException {
		List<String> expressions = expressions(this.json.readTree(DASHBOARD.toFile()));

		assertThat(expressions).isNotEmpty().allSatisfy((expression) -> {
			Set<String> used = metricNames(expression);
			assertThat(used).as("metrics in %s", expression).isNotEmpty();
			assertThat(RELAY_METRICS).as("known metrics, for %s", expression).containsAll(used);
		});
	}

	@Test
	void everyKnownMetricIsShown() throws IOException {
		Set<String> used = new HashSet<>();
		for (String expression : expressions(this.json.readTree(DASHBOARD.toFile()))) {
			used.addAll(metricNames(expression));
		}

		assertThat(used).containsAll(RELAY_METRICS);
	}

	@Test
	void panelsHaveUniqueIdsAndAPlaceOnTheGrid() throws IOException {
		List<JsonNode> panels = new ArrayList<>();
		this.json.readTree(DASHBOARD.toFile()).path("panels").forEach(panels::add);

		assertThat(panels).map((panel) -> panel.path("id").asInt()).doesNotHaveDuplicates();
		assertThat(panels).allSatisfy((panel) -> assertThat(panel.path("gridPos").path("w").asInt()).isPositive());
	}

	@Test
	void panelsUseTheDashboardsDataSourceVariable() throws IOException {
		JsonNode dashboard = this.json.readTree(DASHBOARD.toFile());

		assertThat(queryPanels(dashboard)).map((panel) -> panel.path("datasource").path("uid").asText())
			.containsOnly("${datasource}");
	}

	@Test
	void chartCarriesAnIdenticalCopyOfTheDashboard() throws IOException {
		Path chartCopy = HelmChartTests.CHART.resolve("dashboards/clickwrap-relay.json");

		assertThat(Files.mismatch(DASHBOARD, chartCopy)).as("first differing byte of %s", chartCopy).isEqualTo(-1L);
	}

	private static List<JsonNode> queryPanels(JsonNode dashboard) {
		List<JsonNode> panels = new ArrayList<>();
		dashboard.path("panels").forEach((panel) -> {
			if (!"row".equals(panel.path("type").asText())) {
				panels.add(panel);
			}
		});
		return panels;
	}

	private static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		queryPanels(dashboard).forEach((panel) -> {
			assertThat(panel.path("targets")).as("targets of panel %s", panel.path("title").asText()).isNotEmpty();
			panel.path("targets").forEach((target) -> expressions.add(target.path("expr").asText()));
		});
		return expressions;
	}

	private static Set<String> metricNames(String expression) {
		Set<String> names = new HashSet<>();
		Matcher matcher = METRIC_NAME.matcher(expression);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

}
