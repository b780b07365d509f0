package dev.clickwrap.relay.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Lints and renders the Helm chart with the embedded helm library and checks what
 * Kubernetes would receive.
 */
class HelmChartTests {

	static final Path CHART = Path.of("helm", "clickwrap-relay");

	/**
	 * Without it the embedded helm assumes Kubernetes 1.20, older than the chart's
	 * kubeVersion allows.
	 */
	private static final String KUBERNETES_VERSION = "1.30.0";

	private static final Path ALL_OPTIONS = Path.of("src", "test", "resources", "dev", "clickwrap", "relay", "deploy",
			"all-options-values.yaml");

	private static final List<String> SECRET_VALUES = List.of("database-password-value", "token-one-value",
			"token-two-value", "client-id-value", "client-secret-value", "admin-password-value",
			"integration-user-value");

	/**
	 * Values whose content is handed to Kubernetes as a whole, so the README documents
	 * them as one row.
	 */
	private static final Set<String> WHOLE_BLOCKS = Set.of("podSecurityContext", "securityContext", "resources");

	private final YAMLMapper yaml = new YAMLMapper();

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void chartPassesStrictLint() {
		LintResult result = new Helm(CHART).lint().strict().call();

		assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages()).noneMatch((message) -> message.contains("[WARNING]"))
			.noneMatch((message) -> message.contains("[ERROR]"));
	}

	@Test
	void defaultValuesRenderOnlyTheCoreResources() throws IOException {
		List<JsonNode> documents = render(UnaryOperator.identity());

		assertThat(documents).map((document) -> document.path("kind").asText())
			.containsExactlyInAnyOrder("ServiceAccount", "Secret", "Service", "Deployment");
	}

	@Test
	void everyRenderedDocumentHasApiVersionKindAndName() throws IOException {
		List<JsonNode> documents = new ArrayList<>(render(UnaryOperator.identity()));
		documents.addAll(renderAllOptions());

		assertThat(documents).isNotEmpty().allSatisfy((document) -> {
			assertThat(document.path("apiVersion").asText()).as("apiVersion of %s", document).isNotBlank();
			assertThat(document.path("kind").asText()).as("kind of %s", document).isNotBlank();
			assertThat(document.path("metadata").path("name").asText()).as("name of %s", document).isNotBlank();
		});
	}

	@Test
	void everyOptionOnRendersIngressAutoscalerBudgetMonitorDashboardAndMapping() throws IOException {
		List<JsonNode> documents = renderAllOptions();

		assertThat(documents).map((document) -> document.path("kind").asText())
			.contains("Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor",
					"PersistentVolumeClaim")
			.filteredOn("ConfigMap"::equals)
			.hasSize(2);
	}

	@Test
	void probesAskActuatorOnTheManagementPort() throws IOException {
		JsonNode container = relayContainer(render(UnaryOperator.identity()));

		assertThat(portNumber(container, "management")).isEqualTo(8081);
		assertThat(portNumber(container, "http")).isEqualTo(8080);
		assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
			.isEqualTo("/actuator/health/liveness");
		assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
			.isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("management");
		}
	}

	@Test
	void containerRunsAsNonRootOnAReadOnlyRootFileSystemWithoutCapabilities() throws IOException {
		List<JsonNode> documents = render(UnaryOperator.identity());
		JsonNode container = relayContainer(documents);
		JsonNode podSpec = only(documents, "Deployment").path("spec").path("template").path("spec");

		assertThat(podSpec.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
		assertThat(container.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
		assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
		assertThat(container.path("securityContext").path("capabilities").path("drop")).map(JsonNode::asText)
			.containsExactly("ALL");
		assertThat(podSpec.path("volumes")).anySatisfy((volume) -> {
			assertThat(volume.path("name").asText()).isEqualTo("tmp");
			assertThat(volume.has("emptyDir")).isTrue();
		});
		assertThat(container.path("volumeMounts")).map((mount) -> mount.path("mountPath").asText())
			.contains("/tmp", "/data");
	}

	@Test
	void containerRunsTheContainerProfileWithSettingsFromTheSecret() throws IOException {
		JsonNode container = relayContainer(render(UnaryOperator.identity()));

		assertThat(env(container)).containsEntry("SPRING_PROFILES_ACTIVE", "container");
		assertThat(container.path("envFrom").path(0).path("secretRef").path("name").asText())
			.isEqualTo("relay-clickwrap-relay");
	}

	@Test
	void chartSecretCarriesTokensCredentialsAndDatabasePassword() throws IOException {
		JsonNode secret = only(renderAllOptions(), "Secret");

		assertThat(decoded(secret, "RELAY_INGEST_TOKENS")).isEqualTo("token-one-value,token-two-value");
		assertThat(decoded(secret, "RELAY_SALESFORCE_CLIENT_ID")).isEqualTo("client-id-value");
		assertThat(decoded(secret, "RELAY_SALESFORCE_CLIENT_SECRET")).isEqualTo("client-secret-value");
		assertThat(decoded(secret, "RELAY_SALESFORCE_USERNAME")).isEqualTo("integration-user-value");
		assertThat(decoded(secret, "RELAY_ADMIN_USERNAME")).isEqualTo("operator");
		assertThat(decoded(secret, "RELAY_ADMIN_PASSWORD")).isEqualTo("admin-password-value");
		assertThat(decoded(secret, "SPRING_DATASOURCE_PASSWORD")).isEqualTo("database-password-value");
	}

	@Test
	void chartSecretLeavesOutSettingsThatAreNotGiven() throws IOException {
		JsonNode secret = only(render(UnaryOperator.identity()), "Secret");

		assertThat(secret.path("data").properties()).map(Map.Entry::getKey).containsExactly("RELAY_ADMIN_USERNAME");
	}

	@Test
	void existingSecretReplacesTheChartSecret() throws IOException {
		List<JsonNode> documents = render((command) -> command.set("existingSecret", "relay-credentials"));

		assertThat(documents).map((document) -> document.path("kind").asText()).doesNotContain("Secret");
		assertThat(relayContainer(documents).path("envFrom").path(0).path("secretRef").path("name").asText())
			.isEqualTo("relay-credentials");
	}

	@Test
	void mappingConfigMapHoldsTheTargetsAndNoSecretValue() throws IOException {
		List<JsonNode> documents = renderAllOptions();
		JsonNode mapping = named(documents, "ConfigMap", "relay-clickwrap-relay-mapping");
		String mappingFile = mapping.path("data").path("relay-mapping.yml").asText();

		JsonNode targets = this.yaml.readTree(mappingFile).path("relay").path("mapping").path("targets");
		assertThat(targets).hasSize(2);
		assertThat(targets.path(0).path("object").asText()).isEqualTo("Contact");
		assertThat(this.yaml.writeValueAsString(mapping)).doesNotContain(SECRET_VALUES);
		assertThat(env(relayContainer(documents))).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION",
				"optional:file:/config/relay-mapping.yml");
	}

	@Test
	void secretValuesAppearOnlyInTheSecret() throws IOException {
		List<JsonNode> documents = renderAllOptions();

		assertThat(documents).filteredOn((document) -> !"Secret".equals(document.path("kind").asText()))
			.allSatisfy((document) -> assertThat(this.yaml.writeValueAsString(document)).doesNotContain(SECRET_VALUES));
	}

	@Test
	void withoutMappingTheRelayKeepsItsBuiltInDefault() throws IOException {
		List<JsonNode> documents = render(UnaryOperator.identity());

		assertThat(documents).map((document) -> document.path("kind").asText()).doesNotContain("ConfigMap");
		assertThat(env(relayContainer(documents))).doesNotContainKey("SPRING_CONFIG_ADDITIONAL_LOCATION");
	}

	@Test
	void externalDatabaseSettingsReachTheContainer() throws IOException {
		Map<String, String> env = env(relayContainer(renderAllOptions()));

		assertThat(env).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/relay")
			.containsEntry("SPRING_DATASOURCE_USERNAME", "relay")
			.containsEntry("RELAY_SALESFORCE_LOGIN_URL", "https://example.my.salesforce.com");
	}

	@Test
	void severalPodsWithoutAnExternalDatabaseAreRefused() {
		assertThatException().isThrownBy(() -> render((command) -> command.set("replicaCount", 3)))
			.withMessageContaining("external database");
	}

	@Test
	void serviceMonitorScrapesPrometheusOnTheManagementPort() throws IOException {
		JsonNode monitor = only(renderAllOptions(), "ServiceMonitor");

		assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.path("metadata").path("labels").path("release").asText()).isEqualTo("kube-prometheus-stack");
		JsonNode endpoint = monitor.path("spec").path("endpoints").path(0);
		assertThat(endpoint.path("port").asText()).isEqualTo("management");
		assertThat(endpoint.path("path").asText()).isEqualTo("/actuator/prometheus");
	}

	@Test
	void serviceExposesTheWebhookAndManagementPortsByName() throws IOException {
		JsonNode service = only(render(UnaryOperator.identity()), "Service");

		assertThat(service.path("spec").path("ports"))
			.map((port) -> port.path("name").asText() + ":" + port.path("port").asInt() + "->"
					+ port.path("targetPort").asText())
			.containsExactly("http:8080->http", "management:8081->management");
	}

	@Test
	void ingressRoutesOnlyTheWebhookPathToTheHttpPort() throws IOException {
		JsonNode ingress = only(renderAllOptions(), "Ingress");
		JsonNode path = ingress.path("spec").path("rules").path(0).path("http").path("paths").path(0);

		assertThat(path.path("path").asText()).isEqualTo("/webhooks/clickwrap");
		assertThat(path.path("backend").path("service").path("port").path("name").asText()).isEqualTo("http");
		assertThat(ingress.path("spec").path("tls").path(0).path("secretName").asText()).isEqualTo("relay-tls");
	}

	@Test
	void dashboardConfigMapIsLabelledForTheGrafanaSidecarAndCarriesTheDashboard() throws IOException {
		JsonNode dashboard = named(renderAllOptions(), "ConfigMap", "relay-clickwrap-relay-dashboard");

		assertThat(dashboard.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
		JsonNode rendered = this.json.readTree(dashboard.path("data").path("clickwrap-relay.json").asText());
		JsonNode shipped = this.json.readTree(CHART.resolve("dashboards/clickwrap-relay.json").toFile());
		assertThat(rendered).isEqualTo(shipped);
	}

	@Test
	void readmeDocumentsEveryValue() throws IOException {
		JsonNode values = this.yaml.readTree(CHART.resolve("values.yaml").toFile());
		String readme = Files.readString(CHART.resolve("README.md"), StandardCharsets.UTF_8);

		List<String> keys = new ArrayList<>();
		collectKeys("", values, keys);
		assertThat(keys).hasSizeGreaterThan(20)
			.allSatisfy((key) -> assertThat(readme).as("README row for %s", key).contains("| `" + key + "` |"));
	}

	private List<JsonNode> renderAllOptions() throws IOException {
		return render((command) -> command.withValuesFile(ALL_OPTIONS));
	}

	private List<JsonNode> render(UnaryOperator<TemplateCommand> options) throws IOException {
		TemplateCommand command = new Helm(CHART).template()
			.withName("relay")
			.withNamespace("relay")
			.withKubeVersion(KUBERNETES_VERSION);
		String manifests = options.apply(command).call();

		List<JsonNode> documents = new ArrayList<>();
		try (var parser = new YAMLFactory().createParser(manifests)) {
			this.yaml.readValues(parser, JsonNode.class).forEachRemaining((document) -> {
				if (document != null && !document.isEmpty()) {
					documents.add(document);
				}
			});
		}
		return documents;
	}

	private static JsonNode only(List<JsonNode> documents, String kind) {
		List<JsonNode> ofKind = documents.stream()
			.filter((document) -> kind.equals(document.path("kind").asText()))
			.toList();
		assertThat(ofKind).as("documents of kind %s", kind).hasSize(1);
		return ofKind.get(0);
	}

	private static JsonNode named(List<JsonNode> documents, String kind, String name) {
		return documents.stream()
			.filter((document) -> kind.equals(document.path("kind").asText()))
			.filter((document) -> name.equals(document.path("metadata").path("name").asText()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
	}

	private static JsonNode relayContainer(List<JsonNode> documents) {
		JsonNode containers = only(documents, "Deployment").path("spec")
			.path("template")
			.path("spec")
			.path("containers");
		assertThat(containers).hasSize(1);
		return containers.get(0);
	}

	private static int portNumber(JsonNode container, String name) {
		return StreamSupport.stream(container.path("ports").spliterator(), false)
			.filter((port) -> name.equals(port.path("name").asText()))
			.mapToInt((port) -> port.path("containerPort").asInt())
			.findFirst()
			.orElseThrow(() -> new AssertionError("No container port named " + name));
	}

	private static Map<String, String> env(JsonNode container) {
		Map<String, String> env = new LinkedHashMap<>();
		container.path("env").forEach((entry) -> env.put(entry.path("name").asText(), entry.path("value").asText()));
		return env;
	}

	private static String decoded(JsonNode secret, String key) {
		String encoded = secret.path("data").path(key).asText();
		assertThat(encoded).as("Secret key %s", key).isNotEmpty();
		return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
	}

	/**
	 * Collects the dotted path of every value; a map with entries is a group of values
	 * unless it is one of the {@link #WHOLE_BLOCKS}, anything else (including an empty
	 * map or list, whose content is free-form) is one value.
	 */
	private static void collectKeys(String prefix, JsonNode node, List<String> keys) {
		if (node instanceof ObjectNode object && !object.isEmpty() && !WHOLE_BLOCKS.contains(prefix)) {
			object.fields()
				.forEachRemaining((field) -> collectKeys(
						prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), keys));
			return;
		}
		keys.add(prefix);
	}

}
