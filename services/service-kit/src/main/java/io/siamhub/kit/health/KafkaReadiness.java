package io.siamhub.kit.health;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Readiness: DOWN while no Kafka broker answers. Bounded to a few seconds, where Quarkus' own Kafka
 * check waits for the admin client's full API timeout (a minute) and keeps a probe hanging.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;

    KafkaReadiness(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("Kafka broker").up().withData("nodes", nodes.size()).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("Kafka broker").down()
                    .withData("reason", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    void close(@Observes ShutdownEvent event) {
        admin.close(java.time.Duration.ofSeconds(2));
    }
}
