package io.siamhub.sla;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.kit.security.Roles;
import io.siamhub.kit.testing.KafkaTestClient;
import io.siamhub.localstack.DevJwt;
import io.siamhub.model.Actor;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.SiamJson;
import io.siamhub.model.Topics;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.sla.api.ClockResource;

/** The SLA monitor as tests drive it: its API with real JWTs, incident events on the real broker, SLA events read back. */
public final class Sla {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Sla() {
    }

    public static RequestSpecification as(String... roles) {
        return given().auth().oauth2(DevJwt.forTests(roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification admin() {
        return as(Roles.ADMIN);
    }

    public static RequestSpecification viewer() {
        return as(Roles.VIEWER);
    }

    public static <T> T read(Response response, Class<T> type) {
        try {
            return SiamJson.mapper().readValue(response.asString(), type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("unreadable " + type.getSimpleName() + ": " + response.asString(), e);
        }
    }

    public static String json(Object value) {
        try {
            return SiamJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 24x7 calendar {@code always} and the given JSON definition under a fresh id; returns the id. */
    public static String define(String json) {
        alwaysOpen();
        String id = "def-" + UUID.randomUUID().toString().substring(0, 8);
        // the catalog arrives on its own topic: a service just published becomes known shortly
        Response created = await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> admin().body(json).put("/api/sla/definitions/" + id),
                response -> response.statusCode() != 400 || !response.asString().contains("appliesTo.services"));
        created.then().statusCode(201);
        return id;
    }

    public static void alwaysOpen() {
        admin().body("{\"name\":\"24x7\",\"timeZone\":\"UTC\",\"alwaysOpen\":true}").put("/api/sla/calendars/always")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)));
    }

    /** The clocks of an incident, newest first. */
    public static List<ClockResource.ClockView> clocks(String incidentId) {
        Response response = viewer().queryParam("incident", incidentId).queryParam("limit", 500).get("/api/sla/clocks");
        response.then().statusCode(200);
        return read(response, ClockResource.Page.class).items();
    }

    public static List<ClockResource.ClockView> awaitClocks(String incidentId, Predicate<List<ClockResource.ClockView>> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> clocks(incidentId), condition::test);
    }

    public static ClockResource.ClockDetail detail(UUID clockId) {
        Response response = viewer().get("/api/sla/clocks/" + clockId);
        response.then().statusCode(200);
        return read(response, ClockResource.ClockDetail.class);
    }

    /** Every SLA event of an incident on {@code siam.sla.v1}, once {@code until} holds for them. */
    public static List<SlaEvent> awaitEvents(String incidentId, Predicate<List<SlaEvent>> until) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> events(incidentId), until::test);
    }

    public static List<SlaEvent> events(String incidentId) {
        return eventsOf(Set.of(incidentId)).getOrDefault(incidentId, List.of());
    }

    /**
     * The SLA events of several incidents, read from {@code siam.sla.v1} in one pass, per incident id in topic order;
     * an incident without events is absent. Fails if an event's {@code ce_type} does not fit its kind.
     */
    public static Map<String, List<SlaEvent>> eventsOf(Set<String> incidentIds) {
        Map<String, List<SlaEvent>> events = new HashMap<>();
        for (ConsumerRecord<String, String> record : readAll(Topics.SLA)) {
            if (incidentIds.contains(record.key())) {
                try {
                    SlaEvent event = SiamJson.mapper().readValue(record.value(), SlaEvent.class);
                    String type = CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE);
                    if (!EventTypes.sla(event.kind()).equals(type)) {
                        throw new AssertionError("ce_type " + type + " does not fit kind " + event.kind());
                    }
                    events.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(event);
                } catch (JsonProcessingException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return events;
    }

    /** Every record of a topic, from the beginning to its current end. */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        java.util.Properties properties = new java.util.Properties();
        properties.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        properties.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, String>(properties,
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** An incident and the events that change it, sent to siam.incidents.v1 as the broker would. */
    public static final class IncidentFeed {
        private Incident incident;
        private final List<String> sent = new ArrayList<>();

        private IncidentFeed(Incident incident) {
            this.incident = incident;
        }

        public static IncidentFeed open(Instant at, Priority priority, String owner, String service) {
            Incident incident = new Incident(UUID.randomUUID().toString(), "INC" + (1_000_000 + (int) (Math.random() * 8_999_999)),
                    "disk full on " + service, null, IncidentStatus.NEW, Impact.HIGH, Urgency.HIGH, priority, service, service + "-db",
                    owner, null, List.of(), List.of(), false, false, false, false, at, null, null, null, 1);
            IncidentFeed feed = new IncidentFeed(incident);
            feed.send(IncidentEventKind.OPENED, at);
            return feed;
        }

        public String id() {
            return incident.id();
        }

        public Incident incident() {
            return incident;
        }

        public IncidentFeed acknowledge(Instant at) {
            incident = with(IncidentStatus.ACKNOWLEDGED, incident.priority(), incident.owner(), at, incident.resolvedAt());
            return send(IncidentEventKind.ACKNOWLEDGED, at);
        }

        public IncidentFeed hold(Instant at) {
            incident = with(IncidentStatus.ON_HOLD, incident.priority(), incident.owner(), ack(at), incident.resolvedAt());
            return send(IncidentEventKind.UPDATED, at);
        }

        public IncidentFeed resume(Instant at) {
            incident = with(IncidentStatus.IN_PROGRESS, incident.priority(), incident.owner(), ack(at), incident.resolvedAt());
            return send(IncidentEventKind.UPDATED, at);
        }

        public IncidentFeed resolve(Instant at) {
            incident = with(IncidentStatus.RESOLVED, incident.priority(), incident.owner(), incident.acknowledgedAt(), at);
            return send(IncidentEventKind.RESOLVED, at);
        }

        public IncidentFeed assign(Instant at, String owner) {
            incident = with(incident.status(), incident.priority(), owner, incident.acknowledgedAt(), incident.resolvedAt());
            return send(IncidentEventKind.UPDATED, at);
        }

        public IncidentFeed priority(Instant at, Priority priority) {
            incident = with(incident.status(), priority, incident.owner(), incident.acknowledgedAt(), incident.resolvedAt());
            return send(IncidentEventKind.UPDATED, at);
        }

        /** Sends the last event again under the same {@code ce_id}. */
        public IncidentFeed repeatLast(IncidentEventKind kind, Instant at) {
            KafkaTestClient.shared().sendEvent(Topics.INCIDENTS, incident.id(), sent.get(sent.size() - 1), EventTypes.incident(kind),
                    json(new IncidentEvent(kind, incident, List.of(), Actor.user("tester"), "again", at)));
            return this;
        }

        private Instant ack(Instant at) {
            return incident.acknowledgedAt() != null ? incident.acknowledgedAt() : at;
        }

        private Incident with(IncidentStatus status, Priority priority, String owner, Instant acknowledgedAt, Instant resolvedAt) {
            Incident i = incident;
            return new Incident(i.id(), i.number(), i.title(), i.description(), status, i.impact(), i.urgency(), priority, i.service(),
                    i.configurationItem(), owner, i.signals(), i.externalTickets(), i.relatedChanges(), i.maintenance(), i.pagingHeld(),
                    i.providerResolved(), i.unmapped(), i.createdAt(), acknowledgedAt, resolvedAt, i.closedAt(), i.version() + 1);
        }

        private IncidentFeed send(IncidentEventKind kind, Instant at) {
            String ceId = KafkaTestClient.shared().sendEvent(Topics.INCIDENTS, incident.id(), EventTypes.incident(kind),
                    json(new IncidentEvent(kind, incident, List.of(), Actor.user("tester"), "test step", at)));
            sent.add(ceId);
            return this;
        }
    }
}
