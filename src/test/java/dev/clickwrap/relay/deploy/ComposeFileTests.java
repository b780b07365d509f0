package dev.clickwrap.relay.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.core.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker-compose stack must wire the relay to its database, to WireMock in place of
 * Salesforce and to Prometheus on the management port that the container profile opens.
 */
class ComposeFileTests {

	private static final Path COMPOSE = Path.of("docker-compose.yml");

	private final YAMLMapper yaml = new YAMLMapper();

	@Test
	void stackHasTheRelayItsDatabaseSalesforceStandInAndMonitoring() throws IOException {
		JsonNode services = compose().path("services");

		assertThat(services.properties()).map((service) -> service.getKey())
			.contains("relay", "postgres", "wiremock", "prometheus", "grafana");
		assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:16");
	}

	@Test
	void relayIsBuiltFromTheDockerfileWithOverridableBaseImages() throws IOException {
		JsonNode build = compose().path("services").path("relay").path("build");

		assertThat(build.path("context").asText()).isEqualTo(".");
		assertThat(build.path("args").path("BUILD_IMAGE").asText()).contains("eclipse-temurin:17-jdk");
		assertThat(build.path("args").path("RUNTIME_IMAGE").asText()).contains("eclipse-temurin:17-jre");
		assertThat(Files.readString(Path.of("Dockerfile"))).contains("ARG BUILD_IMAGE=eclipse-temurin:17-jdk",
				"ARG RUNTIME_IMAGE=eclipse-temurin:17-jre");
	}

	@Test
	void relayTalksToPostgresAndToWireMockAsSalesforce() throws IOException {
		JsonNode environment = compose().path("services").path("relay").path("environment");

		assertThat(environment.path("SPRING_DATASOURCE_URL").asText()).startsWith("jdbc:postgresql://postgres:5432/");
		assertThat(environment.path("SPRING_DATASOURCE_USERNAME").asText()).isNotBlank();
		assertThat(environment.path("SPRING_DATASOURCE_PASSWORD").asText()).isNotBlank();
		assertThat(environment.path("RELAY_INGEST_TOKENS").asText()).isEqualTo("local-dev-token");
		assertThat(environment.path("RELAY_SALESFORCE_LOGIN_URL").asText()).isEqualTo("http://wiremock:8080");
		assertThat(environment.path("RELAY_SALESFORCE_CLIENT_ID").asText()).isEqualTo("compose");
		assertThat(environment.path("RELAY_SALESFORCE_CLIENT_SECRET").asText()).isEqualTo("compose");
		assertThat(environment.path("RELAY_ADMIN_USERNAME").asText()).isEqualTo("admin");
		assertThat(environment.path("RELAY_ADMIN_PASSWORD").asText()).isNotBlank();
	}

	@Test
	void wireMockImageIsTheVersionTheTestsUse() throws IOException {
		String image = compose().path("services").path("wiremock").path("image").asText();

		assertThat(image).isEqualTo("wiremock/wiremock:" + Version.getCurrentVersion());
	}

	@Test
	void prometheusScrapesTheManagementPortOfTheContainerProfile() throws IOException {
		JsonNode containerProfile = this.yaml
			.readTree(Path.of("src", "main", "resources", "application-container.yml").toFile());
		int managementPort = containerProfile.path("management").path("server").path("port").asInt();
		JsonNode scrape = this.yaml.readTree(Path.of("deploy", "prometheus", "prometheus.yml").toFile())
			.path("scrape_configs")
			.path(0);

		assertThat(managementPort).isEqualTo(8081);
		assertThat(scrape.path("metrics_path").asText()).isEqualTo("/actuator/prometheus");
		assertThat(scrape.path("static_configs").path(0).path("targets")).map(JsonNode::asText)
			.containsExactly("relay:" + managementPort);
	}

	@Test
	void grafanaIsProvisionedWithThePrometheusOfTheStackAndTheDashboard() throws IOException {
		JsonNode datasources = this.yaml
			.readTree(Path.of("deploy", "grafana", "provisioning", "datasources", "prometheus.yml").toFile());
		JsonNode grafanaVolumes = compose().path("services").path("grafana").path("volumes");

		assertThat(datasources.path("datasources").path(0).path("url").asText()).isEqualTo("http://prometheus:9090");
		assertThat(grafanaVolumes).map(JsonNode::asText)
			.contains("./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
	}

	@Test
	void everyMountedHostPathExists() throws IOException {
		List<String> hostPaths = new ArrayList<>();
		compose().path("services").forEach((service) -> service.path("volumes").forEach((volume) -> {
			String source = volume.asText().split(":")[0];
			if (source.startsWith("./")) {
				hostPaths.add(source);
			}
		}));

		assertThat(hostPaths).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy((source) -> assertThat(Path.of(source)).as("mounted %s", source).exists());
	}

	private JsonNode compose() throws IOException {
		return this.yaml.readTree(COMPOSE.toFile());
	}

}
