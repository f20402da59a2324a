package io.siamhub.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.siamhub.adapters.core.SignalIds;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.LocalStackResource;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;

/**
 * Webhook over HTTP → raw record on siam.inbound.v1 → signals on siam.signals.v1, for every mappable
 * fixture: the published signals equal the expected ones (but for the receipt time and offset of
 * this run), carry CloudEvent headers, and point back at their raw record.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
@QuarkusTestResource(SnsTestAuthority.class)
class NormalizerFlowTest {

    private final KafkaTestClient kafka = KafkaTestClient.shared();

    @Test
    void everyFixtureBecomesItsSignalsOnTheSignalsTopic() throws Exception {
        Map<String, ExpectedSignal> expected = new HashMap<>();
        Map<String, String> inboundIds = new HashMap<>();
        for (FixtureCase fixture : FixtureCase.all()) {
            if (fixture.shouldFail() || fixture.shouldBeIgnored()) {
                continue;
            }
            String inboundId = Senders.post(fixture).then().statusCode(202).extract().path("id");
            JsonNode signals = SiamJson.mapper().readTree(fixture.expected().toFile());
            for (int i = 0; i < signals.size(); i++) {
                String signalId = SignalIds.of(inboundId, i);
                expected.put(signalId, new ExpectedSignal(fixture, signals.get(i)));
                inboundIds.put(signalId, inboundId);
            }
        }

        List<ConsumerRecord<String, String>> published = Inbound.until(kafka, Topics.SIGNALS, expected.keySet());
        Map<String, ConsumerRecord<String, String>> raw = new HashMap<>();
        for (ConsumerRecord<String, String> record : Inbound.until(kafka, Topics.INBOUND, Set.copyOf(inboundIds.values()))) {
            raw.put(Inbound.id(record), record);
        }

        List<String> differences = new ArrayList<>();
        for (ConsumerRecord<String, String> record : published) {
            ExpectedSignal want = expected.get(Inbound.id(record));
            if (want == null) {
                continue;
            }
            ObjectNode got = (ObjectNode) SiamJson.mapper().readTree(record.value());
            assertThat(Inbound.header(record, "ce_type")).isEqualTo("io.siamhub.signal." + got.get("kind").asText().toLowerCase() + ".v1");
            assertThat(Inbound.header(record, "ce_source")).isEqualTo("/siam-hub/provider-adapters");
            assertThat(Inbound.header(record, "ce_subject")).isEqualTo(record.key());
            assertThat(record.key()).isEqualTo(got.get("kind").asText().equals("ALERT") ? got.get("fingerprint").asText()
                    : got.get("provider").asText() + ":" + got.get("providerRef").asText());
            ConsumerRecord<String, String> source = raw.get(inboundIds.get(Inbound.id(record)));
            assertThat(got.path("inboundOffset").path("partition").asInt()).isEqualTo(source.partition());
            assertThat(got.path("inboundOffset").path("offset").asLong()).isEqualTo(source.offset());

            ObjectNode wanted = want.signal().deepCopy();
            for (String field : List.of("id", "receivedAt", "inboundOffset")) {
                wanted.remove(field);
                got.remove(field);
            }
            TreeSet<String> fields = new TreeSet<>();
            wanted.fieldNames().forEachRemaining(fields::add);
            got.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                if (!wanted.path(field).equals(got.path(field))) {
                    differences.add(want.fixture() + " " + field + ": expected " + wanted.path(field) + " but was " + got.path(field));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    private record ExpectedSignal(FixtureCase fixture, JsonNode signal) {
    }
}
