package io.siamhub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

/** The JSON Schemas describe exactly what the records write. */
class SchemaConformanceTest {

    private static final String BASE = "https://siamhub.io/schemas/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012(),
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(BASE, "classpath:schemas/")));

    /** Where each nested record is described: schema file and JSON pointer. */
    private static final Map<Class<?>, String> NESTED = Map.ofEntries(
            Map.entry(io.siamhub.model.signal.Resource.class, "signal.v1.json#/$defs/resource"),
            Map.entry(io.siamhub.model.signal.InboundOffset.class, "signal.v1.json#/$defs/inboundOffset"),
            Map.entry(TimeWindow.class, "common.v1.json#/$defs/timeWindow"),
            Map.entry(Actor.class, "common.v1.json#/$defs/actor"),
            Map.entry(FieldChange.class, "common.v1.json#/$defs/fieldChange"),
            Map.entry(io.siamhub.model.incident.SignalSummary.class, "incident.v1.json#/$defs/signalSummary"),
            Map.entry(io.siamhub.model.incident.ExternalTicket.class, "incident.v1.json#/$defs/externalTicket"),
            Map.entry(io.siamhub.model.change.Conflict.class, "change-request.v1.json#/$defs/conflict"),
            Map.entry(io.siamhub.model.change.Approval.class, "change-request.v1.json#/$defs/approval"),
            Map.entry(io.siamhub.model.change.IncidentLink.class, "change-request.v1.json#/$defs/incidentLink"),
            Map.entry(io.siamhub.model.change.FreezeException.class, "change-request.v1.json#/$defs/freezeException"),
            Map.entry(io.siamhub.model.change.TimelineEntry.class, "change-request.v1.json#/$defs/timelineEntry"),
            Map.entry(io.siamhub.model.catalog.MatchRule.class, "configuration-item.v1.json#/$defs/matchRule"),
            Map.entry(Topics.Spec.class, "-"));

    static List<PublishedPayloads.Payload> payloads() {
        return PublishedPayloads.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void sampleIsValidAgainstItsSchema(PublishedPayloads.Payload payload) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + payload.schema()));
        JsonNode json = SiamJson.mapper().valueToTree(payload.sample().get());

        List<Error> errors = schema.validate(json);

        assertThat(errors).as("%s against %s", payload, payload.schema()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void schemaRejectsAPayloadWithoutItsRequiredFields(PublishedPayloads.Payload payload) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + payload.schema()));

        List<Error> errors = schema.validate(SiamJson.mapper().createObjectNode());

        assertThat(errors).as("an empty object is not a valid %s", payload).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void everyRecordComponentIsDescribed(PublishedPayloads.Payload payload) {
        assertDescribed(payload.type(), schemaNode(payload.schema()));
    }

    @Test
    void aNoteHasNoStatusOrSeverityAndEveryOtherKindNeedsThem() {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + "signal.v1.json"));
        io.siamhub.model.signal.Signal note = Samples.note();
        io.siamhub.model.signal.Signal alert = Samples.signal();

        assertThat(schema.validate(SiamJson.mapper().valueToTree(note))).as("a note").isEmpty();
        assertThat(schema.validate(SiamJson.mapper().valueToTree(
                note.toBuilder().status(io.siamhub.model.signal.SignalStatus.OPEN).build()))).as("a note with a status").isNotEmpty();
        assertThat(schema.validate(SiamJson.mapper().valueToTree(
                note.toBuilder().severity(io.siamhub.model.signal.Severity.INFO).build()))).as("a note with a severity").isNotEmpty();
        assertThat(schema.validate(SiamJson.mapper().valueToTree(alert.toBuilder().status(null).build())))
                .as("an alert without a status").isNotEmpty();
        assertThat(schema.validate(SiamJson.mapper().valueToTree(
                alert.toBuilder().kind(io.siamhub.model.signal.SignalKind.TICKET).severity(null).build())))
                .as("a ticket without a severity").isNotEmpty();
    }

    @Test
    void everyNestedRecordIsDescribed() {
        NESTED.forEach((type, location) -> {
            if (!location.equals("-")) {
                String[] fileAndPointer = location.split("#");
                assertDescribed(type, schemaNode(fileAndPointer[0]).at(fileAndPointer[1]));
            }
        });
    }

    @Test
    void everyRecordOfTheModelIsEitherPublishedOrNested() throws Exception {
        Set<Class<?>> known = new HashSet<>(NESTED.keySet());
        PublishedPayloads.all().forEach(payload -> known.add(payload.type()));

        assertThat(recordsInModel()).allSatisfy(type -> assertThat(known).as("schema for %s", type).contains(type));
    }

    private static void assertDescribed(Class<?> type, JsonNode schemaObject) {
        Set<String> components = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Set<String> described = new HashSet<>();
        schemaObject.path("properties").fieldNames().forEachRemaining(described::add);

        assertThat(described).as("properties of the schema for %s", type.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(components);
    }

    private static JsonNode schemaNode(String file) {
        try (InputStream in = SchemaConformanceTest.class.getResourceAsStream("/schemas/" + file)) {
            return SiamJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<Class<?>> recordsInModel() throws IOException, URISyntaxException {
        Path root = Path.of(SiamJson.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .map(SchemaConformanceTest::load)
                    .filter(Class::isRecord)
                    .collect(Collectors.toSet());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
