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
 * Scale-out on the local stack, in one stream: a second instance of every service joins its consumer groups
 * ({@link HubStack#startInstance}) and the partitions are shared; while an alert stream flows through both,
 * <ul>
 * <li>24 alerts of one CI with different fingerprints land on partitions of both incident-broker instances and make
 * one incident (correlation is race-free across instances);</li>
 * <li>one instance of each consumer is {@code kill -9}ed and the survivors take its partitions over (after the
 * consumers' 10 s session); the stream's account is exact ({@link Account}: every 202 stored once, every incident
 * version published once and in order);</li>
 * <li>4 SLA clocks that come due after the kill breach exactly once;</li>
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

    private static final int RATE = 100;
    private static final int DRILL = 6;
    private static final int CORRELATION_DRILL = DRILL + 1;
    private static final String SECRET = WebhookReceiver.secret("e2e-scale-out-outbound-key-00001");
    /** The dispatcher's lease on a delivery being sent: the attempt's timeout (10 s by default) + 30 s. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

    /** The consumer groups that share work, and the service whose instances are their members. */
    private static final Map<String, HubService> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("provider-adapters-normalizer", HubService.PROVIDER_ADAPTERS);
        GROUPS.put("provider-adapters-outbound", HubService.PROVIDER_ADAPTERS);
        GROUPS.put("incident-broker", HubService.INCIDENT_BROKER);
        GROUPS.put("change-coordinator-signals", HubService.CHANGE_COORDINATOR);
        GROUPS.put("sla-monitor", HubService.SLA_MONITOR);
    }

    @Test
    void twoInstancesOfEveryConsumerShareTheWorkAndOneOfEachIsKilledMidStream() throws Exception {
        HubStack stack = Hub.stack();
        try (WebhookReceiver receiver = WebhookReceiver.start(SECRET, true)) {
            // subscribed before the second provider-adapters instance starts: it reads the subscriptions at start
            String subscription = subscribe(receiver);
            Map<HubService, ServiceProcess> second = new EnumMap<>(HubService.class);
            for (HubService service : HubService.values()) {
                second.put(service, stack.startInstance(service));
            }
            second.values().forEach(process -> process.awaitReady(Duration.ofMinutes(2)));
            Map<String, ConsumerGroupDescription> shared = awaitGroups(2);
            shared.forEach((group, description) -> System.out.println("scale-out: " + group + " " + assignments(description)));

            AlertStream stream = AlertStream.start(DRILL, RATE);
            List<String> correlated = oneCiAlertsStoredOnOneIncident();
            Map<String, Instant> clocks = clocksDueInTwelveSeconds(4);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> stream.accepted().size() >= RATE && !receiver.arrivals().isEmpty());

            // the stream posts to the first provider-adapters instance, so its second one (a normalizer and an outbound
            // dispatcher too) is killed; of the others the first instance
            List<ServiceProcess> killed = List.of(second.get(HubService.PROVIDER_ADAPTERS), stack.service(HubService.INCIDENT_BROKER),
                    stack.service(HubService.CHANGE_COORDINATOR), stack.service(HubService.SLA_MONITOR));
            killed.forEach(ServiceProcess::kill);
            // the killed provider-adapters instance is gone: whatever it sent arrived before this
            Instant killedAt = Instant.now();
            assertThat(clocks.values()).as("the SLA clocks come due after the kill").allSatisfy(due -> assertThat(due).isAfter(killedAt));
            System.out.println("scale-out: killed one instance of each consumer at " + killedAt);
            // the survivors get the dead members' partitions once their session (10 s) expires; the stream goes on a second
            Map<String, ConsumerGroupDescription> taken = awaitGroups(1);
            int before = stream.accepted().size();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> stream.accepted().size() >= before + RATE);
            stream.close();
            System.out.println("scale-out: survivors hold every partition " + Duration.between(killedAt, Instant.now()).toMillis()
                    + " ms after the kill; " + stream.summary());
            taken.forEach((group, description) -> assertThat(description.members().iterator().next().assignment().topicPartitions())
                    .as(group + ": the survivor holds every partition").hasSize(partitions(shared.get(group))));

            assertThat(stream.answered("500")).as("no request got a 500").isZero();
            Account.Exact account = Account.check(stream);
            System.out.println("two instances, one of each kill -9: " + account.summary());

            Map<String, Long> once = clocks.keySet().stream().collect(Collectors.toMap(clock -> clock, clock -> 1L));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> breaches(clocks.keySet()), once::equals);
            System.out.println("scale-out: " + clocks.size() + " SLA clocks due after the kill, each breached once");

            signalsSpreadOverBothBrokerInstances(correlated);

            List<WebhookReceiver.Arrival> arrivals = everyDeliveryDone(receiver, subscription, account.versions());
            assertThat(breaches(clocks.keySet())).as("no second breach since").isEqualTo(once);
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
     * instances run; waits until all are stored and checks they are on one incident. Returns their fingerprints.
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

    /** The partitions of siam.signals.v1 the correlated signals landed on: at least 4 of 6, so on both broker instances (3 each). */
    private static void signalsSpreadOverBothBrokerInstances(List<String> fingerprints) {
        Set<Integer> partitions = new TreeSet<>();
        for (Kcat.Record record : Kcat.readAll(Topics.SIGNALS)) {
            if (record.key() != null && fingerprints.stream().anyMatch(record.key()::endsWith)) {
                partitions.add(record.partition());
            }
        }
        System.out.println("scale-out: one CI's 24 signals on partitions " + partitions);
        assertThat(partitions).as("the signals spread over partitions of both broker instances").hasSizeGreaterThanOrEqualTo(4);
    }

    /**
     * Opens {@code count} incidents of a new service whose one SLA (24x7, 12 s to resolve) makes each a clock that comes
     * due after the drill kills one SLA monitor instance, before the survivor takes its partitions over; returns the
     * clocks' ids and when each is due.
     */
    private static Map<String, Instant> clocksDueInTwelveSeconds(int count) {
        String service = Catalog.unique("svc-scale-out");
        Catalog.service(service, "LOW");
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"12 s around the clock\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT12S\",\"calendar\":\"always\"}");
        List<String> incidents = IntStream.range(0, count).parallel()
                .mapToObj(i -> SlaApi.openIncident("scale-out timer " + i, service, "LOW", "LOW")).toList();
        Map<String, Instant> clocks = new LinkedHashMap<>();
        for (String incident : incidents) {
            JsonNode clock = SlaApi.awaitClocks(incident, found -> found.size() == 1).get(0);
            System.out.println("scale-out: clock " + clock.path("id").asText() + " due at " + clock.path("dueAt").asText());
            clocks.put(clock.path("id").asText(), Instant.parse(clock.path("dueAt").asText()));
        }
        return clocks;
    }

    /** How many {@code breached} records each clock has on siam.sla.v1 (one read of the topic). */
    private static Map<String, Long> breaches(Set<String> clocks) {
        Map<String, Long> counts = new LinkedHashMap<>();
        clocks.forEach(clock -> counts.put(clock, 0L));
        for (Kcat.Record record : Kcat.readAll(Topics.SLA)) {
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
     * delivery DELIVERED: a delivery the killed instance had leased goes out again once its lease runs out, 40 s at
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

    /** Waits until every group of {@link #GROUPS} has {@code members} members, each with partitions. */
    private static Map<String, ConsumerGroupDescription> awaitGroups(int members) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Hub.stack().broker().bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> admin.describeConsumerGroups(GROUPS.keySet()).all().get(10, TimeUnit.SECONDS),
                            groups -> groups.values().stream().allMatch(group -> group.members().size() == members
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
