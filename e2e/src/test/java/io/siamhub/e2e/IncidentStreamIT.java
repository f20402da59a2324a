package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.incident.Incident;

/**
 * {@code siam.incidents.v1} as a service-desk tool consumes it, read by Debian's {@code kcat}: every
 * record a binary-mode CloudEvent whose headers agree with its body, and the body valid against the
 * published JSON Schema.
 */
@ExtendWith(Hub.class)
class IncidentStreamIT {

    private static final String BASE = "https://siamhub.io/schemas/";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getDraft202012(),
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(BASE, "classpath:schemas/")));

    @Test
    void everyIncidentEventIsACloudEventValidAgainstTheSchema() throws Exception {
        String ci = Catalog.unique("stream");
        Catalog.service("svc-" + ci, "MEDIUM");
        Catalog.hostCi(ci, "svc-" + ci);
        assertThat(Webhooks.post("alertmanager", Webhooks.diskFull(ci), Map.of()).statusCode()).isEqualTo(202);
        Incident incident = IncidentApi.awaitOne(ci, found -> true);

        List<Kcat.Record> records = Kcat.readAll(Topics.INCIDENTS);

        assertThat(records).anySatisfy(record -> assertThat(record.key()).isEqualTo(incident.id()));
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(BASE + "incident-event.v1.json"));
        for (Kcat.Record record : records) {
            if (record.payload() == null) {
                continue; // a compaction tombstone has no event
            }
            Map<String, String> headers = record.headers();
            assertThat(headers).as("CloudEvents headers at %d@%d", record.partition(), record.offset())
                    .containsKeys("ce_id", "ce_type", "ce_source", "ce_subject", "ce_specversion", "ce_time");
            assertThat(headers.get("ce_specversion")).isEqualTo("1.0");
            assertThat(headers.get("ce_type")).startsWith("io.siamhub.incident.").endsWith(".v1");
            JsonNode event = SiamJson.mapper().readTree(record.payload());
            assertThat(schema.validate(event)).as("%s against incident-event.v1.json", record.payload()).isEmpty();
            assertThat(event.path("incident").path("id").asText()).isEqualTo(record.key());
            assertThat(event.path("incident").path("number").asText()).isEqualTo(headers.get("ce_subject"));
            assertThat(headers.get("ce_type")).isEqualTo("io.siamhub.incident." + event.path("kind").asText().toLowerCase() + ".v1");
        }
        assertThat(records.stream().map(record -> record.headers().get("ce_id")).distinct().count())
                .as("one ce_id per event").isEqualTo(records.stream().filter(record -> record.payload() != null).count());
    }
}
