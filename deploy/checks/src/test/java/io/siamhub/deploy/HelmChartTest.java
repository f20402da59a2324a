package io.siamhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.siamhub.model.Topics;

/**
 * helm/siam-hub with a real helm: {@code helm lint --strict} and {@code helm template} with the defaults and with the
 * production-like values of {@code helm/siam-hub/ci/}; every rendered manifest parsed strictly into the Kubernetes model
 * ({@link RenderedManifests}) and checked: probes, requests and limits, no secret value inline, image tags, ports,
 * selectors, the provider-adapters roles, every variable a key the service reads, the Strimzi topics.
 */
class HelmChartTest {

    static final String CHART = "helm/siam-hub";
    static final String PRODUCTION = "helm/siam-hub/ci/production-values.yaml";

    /** Deployment name suffix → module, port, provider-adapters role, image repository. */
    record Component(String module, int port, String role, String image) {
    }

    static final Map<String, Component> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("adapters-edge", new Component("provider-adapters", 8081, "edge", "siam-hub/provider-adapters-edge"));
        COMPONENTS.put("normalizer", new Component("provider-adapters", 8081, "normalizer", "siam-hub/provider-adapters-normalizer"));
        COMPONENTS.put("incident-broker", new Component("incident-broker", 8082, null, "siam-hub/incident-broker"));
        COMPONENTS.put("change-coordinator", new Component("change-coordinator", 8083, null, "siam-hub/change-coordinator"));
        COMPONENTS.put("sla-monitor", new Component("sla-monitor", 8084, null, "siam-hub/sla-monitor"));
    }

    /** Names that carry a credential: their value must come from a Secret. */
    static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRETS?|TOKENS?|JAAS|BASIC_AUTH|CREDENTIALS?|PRIVATE).*");

    static RenderedManifests defaults;
    static RenderedManifests production;
    static Map<String, ServiceConfigKeys> configKeys = new LinkedHashMap<>();

    @BeforeAll
    static void render() {
        defaults = RenderedManifests.parse(template());
        production = RenderedManifests.parse(template("-f", PRODUCTION));
        for (String module : Set.of("provider-adapters", "incident-broker", "change-coordinator", "sla-monitor")) {
            configKeys.put(module, ServiceConfigKeys.of(Checks.root(), module));
        }
    }

    static String template(String... values) {
        List<String> arguments = new java.util.ArrayList<>(List.of("template", "siam-hub", CHART, "--namespace", "siam"));
        arguments.addAll(List.of(values));
        Checks.Run run = Checks.helm(arguments.toArray(String[]::new));
        assertThat(run.exitCode()).as("helm template " + String.join(" ", values) + ": " + run.errors()).isZero();
        return run.output();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", PRODUCTION})
    void lintsClean(String values) {
        Checks.Run run = values.isEmpty() ? Checks.helm("lint", "--strict", CHART) : Checks.helm("lint", "--strict", CHART, "-f", values);
        assertThat(run.exitCode()).as(run.output() + run.errors()).isZero();
        assertThat(run.output()).contains("0 chart(s) failed");
    }

    @Test
    void theSchemaRefusesAValueItDoesNotKnowAndTheRequiredSecrets() {
        Checks.Run typo = Checks.helm("template", "x", CHART, "--set", "adaptersEdge.replica=3");
        assertThat(typo.exitCode()).isNotZero();
        assertThat(typo.errors()).contains("replica");
        Checks.Run sasl = Checks.helm("template", "x", CHART, "--set", "kafka.securityProtocol=SASL_SSL");
        assertThat(sasl.exitCode()).isNotZero();
        assertThat(sasl.errors()).contains("kafka.sasl.existingSecret is required");
        Checks.Run protocol = Checks.helm("template", "x", CHART, "--set", "kafka.securityProtocol=TLS");
        assertThat(protocol.exitCode()).isNotZero();
    }

    @Test
    void oneDeploymentAndServicePerComponentWithTheEdgeAndNormalizerApart() {
        for (RenderedManifests manifests : List.of(defaults, production)) {
            assertThat(manifests.of(Deployment.class)).hasSize(COMPONENTS.size());
            assertThat(manifests.of(Service.class)).hasSize(COMPONENTS.size());
            COMPONENTS.forEach((suffix, component) -> {
                Deployment deployment = manifests.named(Deployment.class, name -> name.endsWith("-" + suffix));
                Container container = container(deployment);
                String roles = env(container).get("SIAM_ADAPTERS_ROLES");
                assertThat(roles).as(suffix).isEqualTo(component.role());
                assertThat(container.getImage()).as(suffix).contains(component.image() + ":");
                Service service = manifests.named(Service.class, name -> name.endsWith("-" + suffix));
                assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
                assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getPort()).isEqualTo(component.port());
                    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
                });
            });
        }
    }

    @Test
    void everyContainerHasProbesResourcesATaggedImageAndItsPort() {
        for (RenderedManifests manifests : List.of(defaults, production)) {
            COMPONENTS.forEach((suffix, component) -> {
                Deployment deployment = manifests.named(Deployment.class, name -> name.endsWith("-" + suffix));
                assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
                Container container = container(deployment);
                assertThat(container.getPorts()).singleElement().satisfies(port -> {
                    assertThat(port.getName()).isEqualTo("http");
                    assertThat(port.getContainerPort()).isEqualTo(component.port());
                });
                assertProbe(container.getStartupProbe(), "/q/health/started", suffix);
                assertProbe(container.getLivenessProbe(), "/q/health/live", suffix);
                assertProbe(container.getReadinessProbe(), "/q/health/ready", suffix);
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.getResources().getRequests()).as(suffix + " requests").containsKey(resource);
                    assertThat(container.getResources().getLimits()).as(suffix + " limits").containsKey(resource);
                }
                String image = container.getImage();
                String tag = image.substring(image.lastIndexOf('/') + 1);
                assertThat(tag).as(suffix + " image " + image).contains(":");
                assertThat(tag.substring(tag.indexOf(':') + 1)).as(suffix + " tag").isNotBlank().isNotEqualTo("latest");
                assertThat(env(container).get("JAVA_OPTS")).as(suffix).contains("-XX:MaxRAMPercentage=");
                assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                        .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/port", String.valueOf(component.port()))
                        .containsEntry("prometheus.io/path", "/q/metrics");
                assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).hasSize(2);
            });
        }
        assertThat(container(production.named(Deployment.class, name -> name.endsWith("-incident-broker"))).getImage())
                .isEqualTo("registry.example.com/siam-hub/incident-broker:0.1.0");
        assertThat(container(defaults.named(Deployment.class, name -> name.endsWith("-incident-broker"))).getImage())
                .isEqualTo("siam-hub/incident-broker:" + Checks.projectVersion());
    }

    @Test
    void noSecretValueIsInlineOnlyReferencesToExistingSecrets() {
        for (RenderedManifests manifests : List.of(defaults, production)) {
            assertThat(manifests.all()).noneMatch(object -> object.getKind().equals("Secret"));
            for (Deployment deployment : manifests.of(Deployment.class)) {
                for (EnvVar variable : container(deployment).getEnv()) {
                    if (SECRET_NAME.matcher(variable.getName()).matches()) {
                        assertThat(variable.getValue()).as(deployment.getMetadata().getName() + " " + variable.getName()).isNull();
                        assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
                    }
                }
            }
        }
        Container edge = container(production.named(Deployment.class, name -> name.endsWith("-adapters-edge")));
        Map<String, String> secretOf = edge.getEnv().stream().filter(v -> v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, v -> v.getValueFrom().getSecretKeyRef().getName()));
        assertThat(secretOf).containsEntry("KAFKA_SASL_JAAS_CONFIG", "siam-hub-kafka-user")
                .containsEntry("KAFKA_SSL_TRUSTSTORE_PASSWORD", "ops-cluster-ca-cert")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "siam-hub-postgresql")
                .containsEntry("SIAM_ADAPTERS_PAGERDUTY_SECRETS", "siam-hub-webhooks");
    }

    @Test
    void everyVariableIsAKeyTheServiceReads() {
        for (RenderedManifests manifests : List.of(defaults, production)) {
            COMPONENTS.forEach((suffix, component) -> {
                Container container = container(manifests.named(Deployment.class, name -> name.endsWith("-" + suffix)));
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getName().equals("JAVA_OPTS")) {
                        continue;
                    }
                    assertThat(configKeys.get(component.module()).keyOf(variable.getName()))
                            .as(suffix + ": " + variable.getName() + " names a key " + component.module() + " reads").isPresent();
                }
            });
        }
    }

    @Test
    void disruptionBudgetsIngressesAndServiceMonitor() {
        assertThat(defaults.of(PodDisruptionBudget.class)).hasSize(COMPONENTS.size())
                .allSatisfy(pdb -> assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1));
        assertThat(defaults.of(Ingress.class)).isEmpty();
        assertThat(defaults.custom("ServiceMonitor")).isEmpty();
        assertThat(defaults.custom("KafkaTopic")).isEmpty();

        Ingress webhooks = production.named(Ingress.class, name -> name.endsWith("-webhooks"));
        HTTPIngressPath hook = webhooks.getSpec().getRules().get(0).getHttp().getPaths().get(0);
        assertThat(hook.getPath()).isEqualTo("/webhooks");
        assertThat(hook.getBackend().getService().getName()).endsWith("-adapters-edge");
        assertThat(webhooks.getSpec().getTls()).singleElement().satisfies(tls -> assertThat(tls.getHosts()).containsExactly("hooks.siam.example.com"));
        Ingress api = production.named(Ingress.class, name -> name.endsWith("-api"));
        Map<String, String> routes = api.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .collect(Collectors.toMap(HTTPIngressPath::getPath, path -> path.getBackend().getService().getName()));
        assertThat(routes.get("/api/incidents")).endsWith("-incident-broker");
        assertThat(routes.get("/api/changes")).endsWith("-change-coordinator");
        assertThat(routes.get("/api/sla")).endsWith("-sla-monitor");
        assertThat(routes.get("/")).endsWith("-sla-monitor");

        GenericKubernetesResource monitor = production.custom("ServiceMonitor").get(0);
        assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.get("spec", "endpoints").toString()).contains("path=/q/metrics").contains("port=http");
    }

    @Test
    void strimziTopicsHaveThePartitionsRetentionAndCompactionOfTheDesign() {
        List<GenericKubernetesResource> topics = production.custom("KafkaTopic");
        assertThat(topics).extracting(topic -> (String) topic.get("spec", "topicName"))
                .containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topics.Spec::name).toList());
        for (GenericKubernetesResource topic : topics) {
            String name = topic.get("spec", "topicName");
            Topics.Spec spec = Topics.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertThat(topic.getApiVersion()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(topic.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "ops");
            assertThat(((Number) topic.get("spec", "replicas")).intValue()).isEqualTo(3);
            assertThat(((Number) topic.get("spec", "partitions")).intValue()).isGreaterThanOrEqualTo(6);
            Map<String, Object> config = topic.get("spec", "config");
            assertThat(config).containsEntry("min.insync.replicas", 2);
            assertThat(config.get("cleanup.policy")).as(name).isEqualTo(spec.compacted() ? "compact" : "delete");
            assertThat(config.containsKey("retention.ms")).as(name).isEqualTo(!spec.compacted());
        }
    }

    @Test
    void aFieldTheModelDoesNotKnowIsRefused() {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: broken
                          image: broken:1
                          readinessProbe: {httpGet: {path: /q/health/ready, port: http}, periodSecond: 5}
                """;
        assertThatThrownBy(() -> RenderedManifests.parse(manifest)).hasMessageContaining("readinessProbe.periodSecond");
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    static Map<String, String> env(Container container) {
        Map<String, String> values = new LinkedHashMap<>();
        container.getEnv().forEach(variable -> values.put(variable.getName(), variable.getValue()));
        return values;
    }

    private static void assertProbe(Probe probe, String path, String component) {
        assertThat(probe).as(component + " " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }
}
