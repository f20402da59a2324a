package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.HubService;
import io.siamhub.localstack.HubStack;
import io.siamhub.localstack.ServiceProcess;
import io.siamhub.model.EventTypes;
import io.siamhub.model.Topics;
import io.siamhub.model.sla.SlaEventKind;

/**
 * Scale-out on the local stack, in one stack and one stream: a second instance of every service joins its consumer
 * groups ({@link HubStack#startInstance}, all four at once) and the partitions are shared;
 * <ul>
 * <li>24 alerts of one CI with different fingerprints land on partitions of both incident-broker instances and make
 * one incident (correlation is race-free across instances);</li>
 * <li>while an alert stream flows, one instance of each consumer is {@code kill -9}ed and the survivors take its
 * partitions over (after the consumers' 10 s session); the stream's account is exact ({@link Account}: every 202
 * stored once, every incident version published once and in order);</li>
 * <li>4 SLA clocks that come due after the kill, before the takeover, breach exactly once;</li>
 * <li>an outbound webhook subscription ({@link WebhookReceiver}) gets every event of the stream's incidents from the
 * two provider-adapters instances, one of them killed mid-delivery: every {@code webhook-id} arrives, no event under
 * two ids, and the only repeats are deliveries the killed instance had in flight, sent again with the same id once
 * their lease ran out.</li>
 * </ul>
 * It runs last in the suite and leaves the survivors running (the stack stops them at the end).
 */
@ExtendWith(Hub.class)
@Order(Order.DEFAULT + 2)
class ScaleOutIT {

    /** Alerts a second: the SLA monitor evaluates every incident's clocks, and two instances of it share two cores with 8 more JVMs. */
    private static final int RATE = 50;
    private static final int DRILL = 6;
    private static final int CORRELATION_DRILL = DRILL + 1;
    private static final String SECRET = WebhookReceiver.secret("e2e-scale-out-outbound-key-00001");
    /** The dispatcher's lease on a delivery being sent is the attempt's timeout (5 s in {@link Hub#overrides}) + 30 s. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /**
     * The consumer groups that share work, each with its members per instance: the outbound group has one consumer per
     * topic it reads (incidents, SLA, changes).
     */
    private static final Map<String, Integer> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("provider-adapters-normalizer", 1);
        GROUPS.put("provider-adapters-outbound", 3);
        GROUPS.put("incident-broker", 1);
        GROUPS.put("change-coordinator-signals", 1);
        GROUPS.put("sla-monitor", 1);
    }

    @Test
    void twoInstancesOfEveryConsumerShareTheWorkAndOneOfEachIsKilledMidStream() throws Exception {
        HubStack stack = Hub.stack();
        long start = System.nanoTime();
        // the topics are read from here on (the suite's earlier classes left many records on them)
        Instant began = Instant.now();
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, true)) {
            // subscribed before the second provider-adapters instance starts: it reads the subscriptions at start
            String subscription = subscribe(receiver);
            // the SLA of the timers, before the second instances start: while four JVMs start on two cores an API call can
            // outlast its 15 s timeout (CI saw the catalog PUT time out there)
            String timed = serviceWithTwentySecondSla();
            Map<HubService, ServiceProcess> second = new EnumMap<>(HubService.class);
            for (HubService service : HubService.values()) {
                second.put(service, stack.startInstance(service));
            }
            second.values().forEach(process -> process.awaitReady(Duration.ofMinutes(2)));
            Map<String, ConsumerGroupDescription> shared = awaitGroups(2, null);
            shared.forEach((group, description) -> System.out.println("scale-out: " + group + " " + assignments(description)));
            System.out.println("scale-out: +" + seconds(start) + " s two instances of each in their groups");
            List<String> correlated = oneCiAlertsStoredOnOneIncident();
            System.out.println("scale-out: +" + seconds(start) + " s one CI's signals correlated");

            AlertStream stream = AlertStream.start(DRILL, RATE);
            // the kill comes once the stream's incidents are being delivered
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stream.accepted().size() >= RATE && !drillArrivals(receiver, stream).isEmpty());
            System.out.println("scale-out: +" + seconds(start) + " s the stream's incidents are being delivered");
            // 4 incidents whose clocks come due 20 s after they open: after the kill, about when the survivors take over (opening
            // the 4 took up to 14 s with 8 JVMs and the stream on two cores: a 12 s clock once came due before the kill)
            List<String> timers = IntStream.range(0, 4).parallel()
                    .mapToObj(i -> SlaApi.openIncident("scale-out timer " + i, timed, "LOW", "LOW")).toList();

            // the stream posts to the first provider-adapters instance, so its second one (a normalizer and an outbound
            // dispatcher too) is killed; of the others the first instance
            List<ServiceProcess> killed = List.of(second.get(HubService.PROVIDER_ADAPTERS), stack.service(HubService.INCIDENT_BROKER),
                    stack.service(HubService.CHANGE_COORDINATOR), stack.service(HubService.SLA_MONITOR));
            killed.forEach(ServiceProcess::kill);
            // the killed provider-adapters instance is gone: whatever it sent arrived before this
            Instant killedAt = Instant.now();
            System.out.println("scale-out: +" + seconds(start) + " s killed one instance of each consumer at " + killedAt);
            // the survivors get the dead members' partitions once their session (10 s) expires; the stream goes on a second
            awaitGroups(1, shared);
            int before = stream.accepted().size();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> stream.accepted().size() >= before + RATE);
            stream.close();
            System.out.println("scale-out: +" + seconds(start) + " s survivors hold every partition, "
                    + Duration.between(killedAt, Instant.now()).toMillis() + " ms after the kill; " + stream.summary());

            assertThat(stream.answered("500")).as("no request got a 500").isZero();
            Account.Exact account = Account.check(stream);
            System.out.println("scale-out: +" + seconds(start) + " s two instances, one of each kill -9: " + account.summary());

            Map<String, Instant> clocks = clocksOf(timers);
            assertThat(clocks.values()).as("the SLA clocks come due after the kill").allSatisfy(due -> assertThat(due).isAfter(killedAt));
            Map<String, Long> once = clocks.keySet().stream().collect(Collectors.toMap(clock -> clock, clock -> 1L));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> breaches(clocks.keySet(), began), once::equals);
            System.out.println("scale-out: +" + seconds(start) + " s " + clocks.size() + " SLA clocks due after the kill, each breached once");

            signalsSpreadOverBothBrokerInstances(correlated, began);

            List<WebhookReceiver.Arrival> arrivals = everyDeliveryDone(receiver, subscription, account.versions());
            System.out.println("scale-out: +" + seconds(start) + " s every outbound delivery done");
            assertThat(breaches(clocks.keySet(), began)).as("no second breach since").isEqualTo(once);
            exactOutboundAccount(arrivals, account.versions(), killedAt);
            assertThat(receiver.unsigned()).as("every delivery signed").isZero();
            SlaApi.send("DELETE", HubService.PROVIDER_ADAPTERS, "/api/subscriptions/" + subscription, null);
        }
    }

    /** Subscribes the receiver to every incident event of an Alertmanager incident, as CloudEvents. */
    private static String subscribe(WebhookReceiver receiver) {
        HttpResponse<String> created = SlaApi.send("POST", HubService.PROVIDER_ADAPTERS, "/api/subscriptions", """
                {"url": "%s", "events": ["io.siamhub.incident.*"], "filters": {"providers": ["alertmanager"]}, "secrets": ["%s"]}"""
                .formatted(receiver.url(), SECRET));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return SlaApi.json(created).path("id").asText();
    }

    /**
     * 24 alerts of one CI ({@code payments-api}), each with its own fingerprint, posted at once while both broker
     * instances hold their partitions; waits until all are stored and checks they are on one incident. Returns their fingerprints.
     */
    private static List<String> oneCiAlertsStoredOnOneIncident() {
        List<String> fingerprints = IntStream.range(0, 24).mapToObj(i -> AlertStream.fingerprint(CORRELATION_DRILL, i)).toList();
        List<Integer> answers = fingerprints.parallelStream().map(fingerprint -> {
            String body = """
                    {"version":"4","status":"firing","receiver":"siam","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
                     "externalURL":"http://alertmanager.scale-out","groupKey":"{}:{}","truncatedAlerts":0,
                     "alerts":[{"status":"firing","labels":{"alertname":"ScaleOutCorrelation","severity":"warning",
                     "namespace":"payments","pod":"payments-api-%s"},"annotations":{"summary":"one CI, many fingerprints"},
                     "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}]}"""
                    .formatted(fingerprint, Instant.now(), fingerprint);
            return Webhooks.post("alertmanager", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()).statusCode();
        }).toList();
        assertThat(answers).as("every alert accepted").containsOnly(202);

        String prefix = AlertStream.fingerprintPrefix(CORRELATION_DRILL);
        List<String> incidents = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> incidentsOf(prefix), rows -> rows.size() == fingerprints.size());
        System.out.println("scale-out: one CI's 24 signals on incidents " + new TreeSet<>(incidents));
        assertThat(incidents).as("every signal of the CI on one incident").containsOnly(incidents.get(0));
        return fingerprints;
    }

    /**
     * Every record of the topic written since {@code since}, read with a consumer of no group from the offsets of that
     * time up to the end offsets of the moment of the call.
     */
    private static List<Kcat.Record> recordsSince(String topic, Instant since) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<Kcat.Record> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> at = new java.util.HashMap<>();
            partitions.forEach(partition -> at.put(partition, since.toEpochMilli()));
            consumer.offsetsForTimes(at).forEach((partition, offset) -> consumer.seek(partition, offset == null ? end.get(partition) : offset.offset()));
            Set<TopicPartition> open = new HashSet<>(partitions);
            open.removeIf(partition -> consumer.position(partition) >= end.get(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    record.headers().forEach(header -> headers.put(header.key(),
                            header.value() == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    records.add(new Kcat.Record(record.partition(), record.offset(), record.key(), headers, record.value(), record.timestamp()));
                }
                open.removeIf(partition -> consumer.position(partition) >= end.get(partition));
            }
            assertThat(open).as(topic + " read to its end").isEmpty();
        }
        return records;
    }

    /** The partitions of siam.signals.v1 the correlated signals landed on: at least 4 of 6, so on both broker instances (3 each). */
    private static void signalsSpreadOverBothBrokerInstances(List<String> fingerprints, Instant since) {
        Set<Integer> partitions = new TreeSet<>();
        for (Kcat.Record record : recordsSince(Topics.SIGNALS, since)) {
            if (record.key() != null && fingerprints.stream().anyMatch(record.key()::endsWith)) {
                partitions.add(record.partition());
            }
        }
        System.out.println("scale-out: one CI's 24 signals on partitions " + partitions);
        assertThat(partitions).as("the signals spread over partitions of both broker instances").hasSizeGreaterThanOrEqualTo(4);
    }

    /** A new service whose one SLA (24x7, 20 s to resolve) gives each of its incidents a clock due 20 s after it opens. */
    private static String serviceWithTwentySecondSla() {
        String service = Catalog.unique("svc-scale-out");
        Catalog.service(service, "LOW");
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"20 s around the clock\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT20S\",\"calendar\":\"always\"}");
        return service;
    }

    /**
     * The clock of each incident and when it is due, from the SLA monitor's table (its API may be on the killed
     * instance); waits until each incident has its one clock.
     */
    private static Map<String, Instant> clocksOf(List<String> incidents) {
        Map<String, Instant> clocks = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (Connection connection = Hub.stack().postgres().connect();
                    PreparedStatement query = connection.prepareStatement("select id, due_at, incident_id from sla.sla_clock where incident_id = any(?)")) {
                query.setArray(1, connection.createArrayOf("uuid", incidents.stream().map(java.util.UUID::fromString).toArray()));
                Map<String, Instant> found = new LinkedHashMap<>();
                Set<String> of = new HashSet<>();
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        found.put(result.getString(1), result.getTimestamp(2).toInstant());
                        of.add(result.getString(3));
                    }
                }
                return of.size() == incidents.size() ? found : null;
            }
        }, found -> found != null);
        clocks.forEach((clock, due) -> System.out.println("scale-out: clock " + clock + " due at " + due));
        assertThat(clocks).as("one clock per incident").hasSize(incidents.size());
        return clocks;
    }

    /** How many {@code breached} records each clock has on siam.sla.v1 since the test began (one read of the topic). */
    private static Map<String, Long> breaches(Set<String> clocks, Instant since) {
        Map<String, Long> counts = new LinkedHashMap<>();
        clocks.forEach(clock -> counts.put(clock, 0L));
        for (Kcat.Record record : recordsSince(Topics.SLA, since)) {
            if (!EventTypes.sla(SlaEventKind.BREACHED).equals(record.headers().get("ce_type")) || record.payload() == null) {
                continue;
            }
            for (String clock : clocks) {
                if (record.payload().contains("\"clockId\":\"" + clock + "\"")) {
                    counts.merge(clock, 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /**
     * Waits until the receiver has every version of the drill's incidents and the subscription's queue is empty (every
     * delivery DELIVERED: a delivery the killed instance had leased goes out again once its lease runs out, 35 s at
     * most after the kill); returns every arrival of a drill incident.
     */
    private static List<WebhookReceiver.Arrival> everyDeliveryDone(WebhookReceiver receiver, String subscription,
            Map<String, Long> versions) {
        long expected = versions.values().stream().mapToLong(Long::longValue).sum();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> undelivered(subscription) == 0 && drillArrivals(receiver, versions).stream()
                        .map(arrival -> key(arrival.event())).distinct().count() == expected);
        return drillArrivals(receiver, versions);
    }

    /**
     * The exact account of the outbound deliveries: each version of each drill incident arrived under one webhook-id
     * (the CloudEvent's id), distinct ids = versions published; a webhook-id that came twice was one the killed
     * instance had sent before the kill and not recorded, sent again by the survivor after its lease (at least 30 s
     * later), and came exactly twice.
     */
    private static void exactOutboundAccount(List<WebhookReceiver.Arrival> arrivals, Map<String, Long> versions, Instant killedAt) {
        Set<String> expected = new HashSet<>();
        versions.forEach((incident, last) -> {
            for (long v = 1; v <= last; v++) {
                expected.add(incident + "@" + v);
            }
        });
        assertThat(arrivals).as("the CloudEvent's id is the webhook-id")
                .allSatisfy(arrival -> assertThat(arrival.event().path("id").asText()).isEqualTo(arrival.webhookId()));
        Map<String, List<WebhookReceiver.Arrival>> byId = arrivals.stream().collect(Collectors.groupingBy(WebhookReceiver.Arrival::webhookId));
        Map<String, Set<String>> eventsById = arrivals.stream().collect(Collectors.groupingBy(WebhookReceiver.Arrival::webhookId,
                Collectors.mapping(arrival -> key(arrival.event()), Collectors.toSet())));
        assertThat(eventsById.values()).as("one webhook-id, one event").allSatisfy(events -> assertThat(events).hasSize(1));
        Set<String> delivered = eventsById.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(delivered).as("every version of every drill incident delivered").isEqualTo(expected);
        assertThat(byId).as("distinct webhook-ids = events published: no event under two ids").hasSize(expected.size());

        Map<String, List<WebhookReceiver.Arrival>> repeated = byId.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        for (Map.Entry<String, List<WebhookReceiver.Arrival>> repeat : repeated.entrySet()) {
            List<WebhookReceiver.Arrival> times = repeat.getValue();
            assertThat(times).as("webhook-id %s: a repeat only after the kill, once", repeat.getKey()).hasSize(2);
            assertThat(times.get(0).at()).as("webhook-id %s: first sent before the kill (in flight then)", repeat.getKey()).isBefore(killedAt);
            assertThat(Duration.between(times.get(0).at(), times.get(1).at())).as("webhook-id %s: sent again after its lease", repeat.getKey())
                    .isGreaterThanOrEqualTo(LEASE_MARGIN);
        }
        System.out.printf("scale-out: outbound %d events of %d incidents, %d arrivals, %d distinct webhook-ids, %d repeated"
                + " (in flight at the kill, sent again after the lease)%n", expected.size(), versions.size(), arrivals.size(), byId.size(),
                repeated.size());
    }

    /** Deliveries of the stream's incidents that came already (by the fingerprint prefix of their signals). */
    private static List<WebhookReceiver.Arrival> drillArrivals(WebhookReceiver receiver, AlertStream stream) {
        String prefix = AlertStream.fingerprintPrefix(stream.drill());
        return receiver.arrivals().stream().filter(arrival -> arrival.event().path("data").path("incident").path("signals")
                .path("fingerprints").toString().contains(prefix)).toList();
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    private static List<WebhookReceiver.Arrival> drillArrivals(WebhookReceiver receiver, Map<String, Long> versions) {
        return receiver.arrivals().stream()
                .filter(arrival -> versions.containsKey(arrival.event().path("data").path("incident").path("id").asText())).toList();
    }

    /** {@code <incident id>@<version>} of a delivered incident event. */
    private static String key(JsonNode event) {
        JsonNode incident = event.path("data").path("incident");
        return incident.path("id").asText() + "@" + incident.path("version").asLong();
    }

    /** The subscription's deliveries not yet delivered (pending, or dead). */
    private static long undelivered(String subscription) throws SQLException {
        try (Connection connection = Hub.stack().postgres().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from adapters.outbound_delivery where subscription_id = ?::uuid and status <> 'DELIVERED'")) {
            query.setString(1, subscription);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The incident of every stored signal whose fingerprint starts with the prefix. */
    private static List<String> incidentsOf(String prefix) throws SQLException {
        try (Connection connection = Hub.stack().postgres().connect();
                PreparedStatement query = connection.prepareStatement("select incident_id from incident.incident_signal where fingerprint like ?")) {
            query.setString(1, prefix + "%");
            List<String> incidents = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    incidents.add(result.getString(1));
                }
            }
            return incidents;
        }
    }

    /**
     * Waits until every group of {@link #GROUPS} has the members of {@code instances} instances, each with partitions,
     * and (when {@code before} is given) holding together as many partitions as the group did then.
     */
    private static Map<String, ConsumerGroupDescription> awaitGroups(int instances, Map<String, ConsumerGroupDescription> before) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> admin.describeConsumerGroups(GROUPS.keySet()).all().get(10, TimeUnit.SECONDS),
                            groups -> groups.values().stream().allMatch(group -> group.members().size() == instances * GROUPS.get(group.groupId())
                                    && (before == null || partitions(group) == partitions(before.get(group.groupId())))
                                    && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty())));
        }
    }

    /** The partitions a group's members hold together. */
    private static int partitions(ConsumerGroupDescription group) {
        return group.members().stream().mapToInt(member -> member.assignment().topicPartitions().size()).sum();
    }

    private static String assignments(ConsumerGroupDescription group) {
        List<String> members = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            members.add(member.clientId() + "=" + member.assignment().topicPartitions().size() + " partitions");
        }
        return members.toString();
    }
}
