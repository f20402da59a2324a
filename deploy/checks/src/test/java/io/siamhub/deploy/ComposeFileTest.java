package io.siamhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.siamhub.model.Topics;

/**
 * docker-compose.yml, checked without a Docker engine: it parses; every {@code SIAM_*}, {@code QUARKUS_*},
 * {@code KAFKA_*} and {@code MP_*} variable a service gets is a key that service really reads
 * ({@link ServiceConfigKeys}); the images are the ones deploy/docker/build-images builds; every container has a
 * health check and starts after what it needs is healthy; the topics, seed files, secrets and Prometheus scrape
 * targets are all there.
 */
class ComposeFileTest {

    static final Map<String, Integer> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("provider-adapters", 8081);
        SERVICES.put("incident-broker", 8082);
        SERVICES.put("change-coordinator", 8083);
        SERVICES.put("sla-monitor", 8084);
    }

    private static final Pattern CONFIG_VARIABLE = Pattern.compile("(SIAM|QUARKUS|KAFKA|MP)_[A-Z0-9_]+");
    private static final Pattern VOLUME = Pattern.compile("(.+):(/[^:]+)(:ro|:rw)?");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?([^}]*)}");

    static Path root;
    static JsonNode compose;
    static Map<String, ServiceConfigKeys> configKeys = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        root = Checks.root();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        for (String module : SERVICES.keySet()) {
            configKeys.put(module, ServiceConfigKeys.of(root, module));
        }
    }

    @Test
    void parsesWithTheServicesInfrastructureAndPrometheus() {
        assertThat(compose.isObject()).isTrue();
        List<String> names = new ArrayList<>();
        compose.get("services").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(SERVICES.keySet()).contains("kafka", "postgres", "prometheus");
        assertThat(compose.get("services").get("kafka").get("image").asText()).startsWith("apache/kafka:");
        assertThat(compose.get("services").get("postgres").get("image").asText()).startsWith("postgres:");
    }

    @Test
    void everyConfigurationVariableIsAKeyTheServiceReads() {
        List<String> unknown = new ArrayList<>();
        int checked = 0;
        for (String module : SERVICES.keySet()) {
            JsonNode environment = service(module).get("environment");
            assertThat(environment).as(module + " environment").isNotNull();
            for (String variable : names(environment)) {
                if (!CONFIG_VARIABLE.matcher(variable).matches()) {
                    continue;
                }
                checked++;
                if (configKeys.get(module).keyOf(variable).isEmpty()) {
                    unknown.add(module + ": " + variable);
                }
            }
        }
        assertThat(unknown).as("variables that name no configuration key the service reads").isEmpty();
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void theKeyCheckRefusesWhatAServiceDoesNotRead() {
        ServiceConfigKeys adapters = configKeys.get("provider-adapters");
        assertThat(adapters.keyOf("SIAM_ADAPTERS_ALERTMANAGER_TOKENS")).contains("siam.adapters.alertmanager.tokens");
        assertThat(adapters.keyOf("SIAM_ADAPTERS_ALERTMANAGER_TOKEN")).isEmpty();
        assertThat(adapters.keyOf("SIAM_INCIDENT_CATALOG_FILE")).isEmpty();
        assertThat(adapters.keyOf("QUARKUS_DATASOURCE_REACTIVE_URL")).contains("quarkus.datasource.reactive.url");
        assertThat(adapters.keyOf("QUARKUS_HTTP_HOST")).isPresent();
        assertThat(adapters.keyOf("QUARKUS_HTTP_HOSTNAME")).isEmpty();
        // fixed when the application is built: a value at run time would not take effect
        assertThat(adapters.keyOf("QUARKUS_DATASOURCE_DB_KIND")).isEmpty();
        assertThat(adapters.keyOf("KAFKA_SASL_JAAS_CONFIG")).contains("kafka.sasl.jaas.config");
        assertThat(adapters.keyOf("KAFKA_SASL_JAAS")).isEmpty();
        assertThat(configKeys.get("sla-monitor").keyOf("SIAM_SLA_DEFINITIONS_FILE")).contains("siam.sla.definitions-file");
        assertThat(configKeys.get("sla-monitor").keyOf("SIAM_CHANGE_CALENDAR_FILE")).isEmpty();
    }

    @Test
    void imagesAreTheOnesTheBuildMakes() throws IOException {
        String version = Checks.projectVersion();
        String dockerfile = Files.readString(root.resolve("deploy/docker/Dockerfile.jvm"));
        String buildImages = Files.readString(root.resolve("deploy/docker/build-images"));
        assertThat(dockerfile).contains("services/${SERVICE}/target/${APP}/quarkus-run.jar").contains("ARG APP=quarkus-app");
        assertThat(buildImages).contains("TAG=\"${IMAGE_TAG:-" + version + "}\"").contains("siam-hub/$1:$TAG");
        for (Map.Entry<String, Integer> entry : SERVICES.entrySet()) {
            String module = entry.getKey();
            JsonNode service = service(module);
            assertThat(service.get("image").asText()).isEqualTo("siam-hub/" + module + ":" + version);
            assertThat(buildImages).contains("image " + module + " " + module + " " + entry.getValue());
            JsonNode build = service.get("build");
            assertThat(build.get("context").asText()).isEqualTo(".");
            assertThat(root.resolve(build.get("dockerfile").asText())).isEqualTo(root.resolve("deploy/docker/Dockerfile.jvm"));
            assertThat(build.get("args").get("SERVICE").asText()).isEqualTo(module);
            assertThat(build.get("args").get("PORT").asText()).isEqualTo(String.valueOf(entry.getValue()));
        }
    }

    @Test
    void everyContainerHasAHealthCheckAndWaitsForWhatItNeeds() {
        for (String name : names(compose.get("services"))) {
            JsonNode service = compose.get("services").get(name);
            assertThat(service.path("healthcheck").path("test").isMissingNode()).as(name + " health check").isFalse();
            JsonNode dependsOn = service.get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertThat(dependsOn.isObject()).as(name + ": depends_on with conditions").isTrue();
            for (String dependency : names(dependsOn)) {
                String condition = dependsOn.get(dependency).path("condition").asText();
                JsonNode other = compose.get("services").get(dependency);
                assertThat(other).as(name + " depends on " + dependency).isNotNull();
                boolean oneShot = "no".equals(other.path("restart").asText());
                assertThat(condition).as(name + " waits for " + dependency)
                        .isEqualTo(oneShot ? "service_completed_successfully" : "service_healthy");
            }
        }
        for (Map.Entry<String, Integer> entry : SERVICES.entrySet()) {
            JsonNode service = service(entry.getKey());
            assertThat(service.get("healthcheck").get("test").toString())
                    .contains("http://localhost:" + entry.getValue() + "/q/health/ready");
            assertThat(names(service.get("depends_on"))).contains("kafka", "postgres", "kafka-init");
        }
    }

    @Test
    void servicesListenOnAllInterfacesOnTheirOwnPorts() throws IOException {
        for (Map.Entry<String, Integer> entry : SERVICES.entrySet()) {
            JsonNode service = service(entry.getKey());
            assertThat(service.get("environment").get("QUARKUS_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
            Properties properties = new Properties();
            try (var in = Files.newInputStream(root.resolve("services/" + entry.getKey() + "/src/main/resources/application.properties"))) {
                properties.load(in);
            }
            assertThat(properties.getProperty("quarkus.http.port")).isEqualTo(String.valueOf(entry.getValue()));
            assertThat(service.get("ports").get(0).asText()).isEqualTo(entry.getValue() + ":" + entry.getValue());
        }
    }

    @Test
    void topicsAreCreatedAsTheDesignSays() {
        String command = compose.get("services").get("kafka-init").get("command").toString();
        for (Topics.Spec topic : Topics.ALL) {
            assertThat(command).as(topic.name()).contains(topic.name());
        }
        assertThat(command).contains("--topic siam.catalog.v1").contains("cleanup.policy=compact").contains("--partitions 6");
        assertThat(command.split("cleanup.policy=compact", -1)).as("only the catalog is compacted").hasSize(2);
    }

    @Test
    void seedFilesAndTheJwtKeyAreMounted() {
        for (String module : SERVICES.keySet()) {
            JsonNode service = service(module);
            Map<String, String> mounts = new LinkedHashMap<>(); // container path -> host path
            service.get("volumes").forEach(volume -> {
                Matcher mount = VOLUME.matcher(volume.asText());
                assertThat(mount.matches()).as(module + " volume " + volume.asText()).isTrue();
                mounts.put(mount.group(2), mount.group(1));
            });
            assertThat(service.get("environment").get("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText()).isEqualTo("/etc/siam-hub/jwt/public.pem");
            assertThat(mounts).containsKey("/etc/siam-hub/jwt/public.pem");
            for (String variable : names(service.get("environment"))) {
                String value = service.get("environment").get(variable).asText();
                if (!value.startsWith("/etc/siam-hub/")) {
                    continue;
                }
                String containerPath = mounts.keySet().stream().filter(path -> value.equals(path) || value.startsWith(path + "/"))
                        .findFirst().orElse(null);
                assertThat(containerPath).as(module + ": " + variable + "=" + value + " is mounted").isNotNull();
                String host = mounts.get(containerPath);
                if (!host.startsWith("${")) {
                    Path file = root.resolve(host).resolve(value.equals(containerPath) ? "" : value.substring(containerPath.length() + 1));
                    assertThat(file).as(module + ": " + variable).isRegularFile();
                }
            }
        }
    }

    @Test
    void secretsComeFromTheEnvFileWhichIsNotCommitted() throws IOException {
        String text = Files.readString(root.resolve("docker-compose.yml"));
        Set<String> required = new TreeSet<>();
        Matcher matcher = INTERPOLATION.matcher(text);
        while (matcher.find()) {
            required.add(matcher.group(1));
        }
        Properties example = new Properties();
        try (var in = Files.newInputStream(root.resolve(".env.example"))) {
            example.load(in);
        }
        assertThat(example.stringPropertyNames()).containsAll(required);
        assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
        // no secret written into the file itself
        for (String module : SERVICES.keySet()) {
            JsonNode environment = service(module).get("environment");
            for (String variable : names(environment)) {
                if (variable.endsWith("PASSWORD") || variable.endsWith("TOKENS") || variable.endsWith("SECRETS")) {
                    assertThat(environment.get(variable).asText()).as(module + ": " + variable).startsWith("${");
                }
            }
        }
    }

    @Test
    void prometheusScrapesEveryService() throws IOException {
        JsonNode prometheus = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("deploy/compose/prometheus.yml").toFile());
        JsonNode job = prometheus.get("scrape_configs").get(0);
        assertThat(job.get("metrics_path").asText()).isEqualTo("/q/metrics");
        String targets = job.get("static_configs").toString();
        SERVICES.forEach((module, port) -> assertThat(targets).contains(module + ":" + port));
        assertThat(service("prometheus").get("volumes").get(0).asText()).startsWith("./deploy/compose/prometheus.yml:");
    }

    private static JsonNode service(String name) {
        JsonNode service = compose.get("services").get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
