package io.siamhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.siamhub.model.signal.Signal;

/** Records survive JSON both ways, and consumers tolerate what later versions add. */
class JsonRoundTripTest {

    static List<PublishedPayloads.Payload> payloads() {
        return PublishedPayloads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void jsonRoundTripsToAnEqualRecord(PublishedPayloads.Payload payload) throws Exception {
        Object sample = payload.sample().get();

        String json = SiamJson.mapper().writeValueAsString(sample);
        Object back = SiamJson.mapper().readValue(json, payload.type());

        assertThat(back).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void aConsumerToleratesAnUnknownAddedField(PublishedPayloads.Payload payload) throws Exception {
        Object sample = payload.sample().get();
        ObjectNode json = SiamJson.mapper().valueToTree(sample);
        json.put("addedInV1_1", "something new");
        json.putObject("anotherNewThing").put("nested", 1);

        Object back = SiamJson.mapper().treeToValue(json, payload.type());

        assertThat(back).isEqualTo(sample);
    }

    @Test
    void instantsAndDurationsAreIso8601Text() {
        JsonNode signal = SiamJson.mapper().valueToTree(Samples.signal());
        JsonNode sla = SiamJson.mapper().valueToTree(Samples.slaEvent());

        assertThat(signal.get("occurredAt").asText()).isEqualTo("2026-11-24T09:15:30Z");
        assertThat(sla.get("target").asText()).isEqualTo("PT8H");
    }

    @Test
    void anSlaEventWithoutTheFieldsAddedLaterStillReads() throws Exception {
        ObjectNode json = SiamJson.mapper().valueToTree(Samples.slaEvent());
        for (String added : List.of("party", "state", "breached", "previousDueAt", "reason")) {
            json.remove(added);
        }

        io.siamhub.model.sla.SlaEvent back = SiamJson.mapper().treeToValue(json, io.siamhub.model.sla.SlaEvent.class);

        io.siamhub.model.sla.SlaEvent sample = Samples.slaEvent();
        assertThat(back).isEqualTo(new io.siamhub.model.sla.SlaEvent(sample.kind(), sample.clockId(), sample.incidentId(),
                sample.definitionId(), sample.agreement(), sample.metric(), sample.provider(), sample.priority(), sample.target(),
                sample.elapsed(), sample.remaining(), sample.stagePercent(), sample.dueAt(), sample.occurredAt()));
        assertThat(EventTypes.sla(io.siamhub.model.sla.SlaEventKind.RECOMPUTED)).isEqualTo(EventTypes.SLA_RECOMPUTED);
    }

    @Test
    void aNoteRoundTripsWithoutStatusOrSeverity() throws Exception {
        Signal note = Samples.note();

        JsonNode json = SiamJson.mapper().valueToTree(note);

        assertThat(json.has("status")).isFalse();
        assertThat(json.has("severity")).isFalse();
        assertThat(json.get("author").asText()).isEqualTo("Dana Ops");
        assertThat(note.key()).isEqualTo("jira:10042");
        assertThat(SiamJson.mapper().treeToValue(json, Signal.class)).isEqualTo(note);
        assertThat(note.toBuilder().build()).isEqualTo(note);
    }

    @Test
    void theSignalBuilderCopiesEveryField() {
        Signal sample = Samples.signal();

        assertThat(sample.toBuilder().build()).isEqualTo(sample);
        assertThat(sample.toBuilder().title("changed").build().title()).isEqualTo("changed");
    }

    @Test
    void nullsAreOmittedOnWrite() {
        Signal bare = new Signal("id", null, "aws", null, null, null, null, null, null, "t", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null);

        JsonNode json = SiamJson.mapper().valueToTree(bare);

        assertThat(json.has("description")).isFalse();
        assertThat(json.has("resource")).isFalse();
        assertThat(json.get("labels").isEmpty()).isTrue();
    }
}
