package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.Topics;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;

/** {@code siam.adapters.roles=edge}: webhooks are taken and stored; no normalizer consumer runs here. */
@QuarkusTest
@TestProfile(EdgeOnlyRoleTest.EdgeOnly.class)
@QuarkusTestResource(LocalStackResource.class)
class EdgeOnlyRoleTest {

    public static class EdgeOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(AdapterRole.KEY, "edge");
        }
    }

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void webhooksAreStoredAndNothingHereNormalizesThem() {
        String id = Senders.post(FixtureCase.of("alertmanager", "firing_k8s_pod_memory")).then().statusCode(202).extract().path("id");

        assertThat(Inbound.until(KafkaTestClient.shared(), Topics.INBOUND, Set.of(id))).extracting(Inbound::id).contains(id);
        ConfigValue enabled = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigValue("mp.messaging.incoming.inbound.enabled");
        assertThat(kafkaClients.getConsumerChannels()).as("the consumers this instance runs (inbound enabled=%s from %s)",
                enabled.getValue(), enabled.getSourceName())
                .contains("inbound-dlq").doesNotContain("inbound");
    }
}
