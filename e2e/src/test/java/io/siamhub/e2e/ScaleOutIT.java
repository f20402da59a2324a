package io.siamhub.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.siamhub.localstack.HubService;
import io.siamhub.localstack.HubStack;
import io.siamhub.localstack.ServiceProcess;

/**
 * Scale-out on the local stack: a second instance of every service joins its consumer groups
 * ({@link HubStack#startInstance}), the partitions are shared, and the fault drills' alert stream flows through
 * both with an exact account ({@link Account}: every 202 stored once, every incident version published once and in
 * order), also when one instance of each consumer is {@code kill -9}ed mid-stream and the survivors take its
 * partitions over (after the consumers' 10 s session); SLA timers that come due around the kill breach exactly once; and
 * signals of one CI on different partitions (so on both broker instances) make one incident. Runs after the fault
 * drills and leaves one instance of each.
 */
@ExtendWith(Hub.class)
@Order(Order.DEFAULT + 2)
class ScaleOutIT {

    private static final int RATE = 500;
    private static final int DRILL = 6;

    /** The consumer groups on the signal path and the service whose instances are their members. */
    private static final Map<String, HubService> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("provider-adapters-normalizer", HubService.PROVIDER_ADAPTERS);
        GROUPS.put("incident-broker", HubService.INCIDENT_BROKER);
        GROUPS.put("change-coordinator-signals", HubService.CHANGE_COORDINATOR);
        GROUPS.put("sla-monitor", HubService.SLA_MONITOR);
    }

    @Test
    void twoInstancesOfEveryConsumerShareThePartitionsAndOneOfEachIsKilledMidStream() {
        HubStack stack = Hub.stack();
        Map<HubService, ServiceProcess> second = new LinkedHashMap<>();
        List<ServiceProcess> killed = new ArrayList<>();
        try {
            for (HubService service : HubService.values()) {
                second.put(service, stack.startInstance(service));
            }
            second.values().forEach(process -> process.awaitReady(Duration.ofMinutes(2)));
            Map<String, ConsumerGroupDescription> shared = awaitGroups(2);
            shared.forEach((group, description) -> System.out.println("scale-out: " + group + " " + assignments(description)));
            signalsOfOneCiOnDifferentPartitionsMakeOneIncident();

            List<String> clocks = clocksDueInFifteenSeconds(4);

            AlertStream stream = AlertStream.start(DRILL, RATE);
            pause(3_000);
            // the stream posts to the first provider-adapters instance, so its second one (a normalizer too) is killed;
            // of the others the first instance
            killed.add(second.get(HubService.PROVIDER_ADAPTERS));
            killed.add(stack.service(HubService.INCIDENT_BROKER));
            killed.add(stack.service(HubService.CHANGE_COORDINATOR));
            killed.add(stack.service(HubService.SLA_MONITOR));
            killed.forEach(ServiceProcess::kill);
            System.out.println("scale-out: killed one instance of each consumer at " + java.time.Instant.now());
            // the survivors get the dead members' partitions once their session (10 s) expires
            pause(15_000);
            stream.close();
            System.out.println(stream.summary());

            assertThat(stream.answered("500")).as("no request got a 500").isZero();
            System.out.println("two instances, one of each kill -9: " + Account.assertExact(stream));
            Map<String, Long> once = clocks.stream().collect(java.util.stream.Collectors.toMap(clock -> clock, clock -> 1L));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> breaches(clocks), once::equals);
            // and no second breach comes later (one read of the topic per poll: kcat takes a while on a loaded machine)
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> breaches(clocks), once::equals);
            System.out.println("scale-out: " + clocks.size() + " SLA timers due around the kill, each breached once");
            Map<String, ConsumerGroupDescription> taken = awaitGroups(1);
            taken.forEach((group, description) -> assertThat(description.members().iterator().next().assignment().topicPartitions())
                    .as(group + ": the survivor holds every partition").hasSize(6));
        } finally {
            for (ServiceProcess process : List.of(stack.service(HubService.INCIDENT_BROKER), stack.service(HubService.CHANGE_COORDINATOR),
                    stack.service(HubService.SLA_MONITOR))) {
                if (!process.isAlive()) {
                    process.start();
                }
            }
            stack.stopExtraInstances();
            for (HubService service : HubService.values()) {
                stack.service(service).awaitReady(Duration.ofMinutes(2));
            }
        }
    }

    /**
     * 24 alerts of one CI ({@code payments-api}), each with its own fingerprint, posted at once: their signals land on
     * at least 4 of the 6 partitions of siam.signals.v1, so on both incident-broker instances (3 partitions each), and
     * still every one of them is on the same incident.
     */
    private static void signalsOfOneCiOnDifferentPartitionsMakeOneIncident() {
        List<String> fingerprints = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            fingerprints.add(AlertStream.fingerprint(DRILL + 1, i));
        }
        List<Integer> answers = fingerprints.parallelStream().map(fingerprint -> {
            String body = """
                    {"version":"4","status":"firing","receiver":"siam","groupLabels":{},"commonLabels":{},"commonAnnotations":{},
                     "externalURL":"http://alertmanager.scale-out","groupKey":"{}:{}","truncatedAlerts":0,
                     "alerts":[{"status":"firing","labels":{"alertname":"ScaleOutCorrelation","severity":"warning",
                     "namespace":"payments","pod":"payments-api-%s"},"annotations":{"summary":"one CI, many fingerprints"},
                     "startsAt":"%s","endsAt":"0001-01-01T00:00:00Z","generatorURL":"","fingerprint":"%s"}]}"""
                    .formatted(fingerprint, java.time.Instant.now(), fingerprint);
            return Webhooks.post("alertmanager", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()).statusCode();
        }).toList();
        assertThat(answers).as("every alert accepted").containsOnly(202);

        String prefix = AlertStream.fingerprintPrefix(DRILL + 1);
        List<String> incidents = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> incidentsOf(prefix), rows -> rows.size() == fingerprints.size());
        java.util.Set<Integer> partitions = new java.util.TreeSet<>();
        for (Kcat.Record record : Kcat.readAll(io.siamhub.model.Topics.SIGNALS)) {
            if (record.key() != null && fingerprints.stream().anyMatch(record.key()::endsWith)) {
                partitions.add(record.partition());
            }
        }
        System.out.println("scale-out: one CI's 24 signals on partitions " + partitions + ", incidents " + new java.util.TreeSet<>(incidents));
        assertThat(partitions).as("the signals spread over partitions of both broker instances").hasSizeGreaterThanOrEqualTo(4);
        assertThat(incidents).as("every signal of the CI on one incident").containsOnly(incidents.get(0));
    }

    /**
     * Opens {@code count} incidents of a new service whose one SLA (24x7, 15 s to resolve) makes each a clock that comes
     * due while the drill kills one SLA monitor instance; returns the clocks' ids.
     */
    private static List<String> clocksDueInFifteenSeconds(int count) {
        String service = Catalog.unique("svc-scale-out");
        Catalog.service(service, "LOW");
        SlaApi.putDefinition("e2e-" + service, "{\"name\":\"15 s around the clock\",\"type\":\"SLA\",\"party\":\"integrator\","
                + "\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\"" + service + "\"]},\"target\":\"PT15S\",\"calendar\":\"always\"}");
        List<String> clocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String incident = SlaApi.openIncident("scale-out timer " + i, service, "LOW", "LOW");
            com.fasterxml.jackson.databind.JsonNode clock = SlaApi.awaitClocks(incident, found -> found.size() == 1).get(0);
            System.out.println("scale-out: clock " + clock.path("id").asText() + " due at " + clock.path("dueAt").asText());
            clocks.add(clock.path("id").asText());
        }
        return clocks;
    }

    /** How many {@code breached} records each clock has on siam.sla.v1 (one read of the topic). */
    private static Map<String, Long> breaches(List<String> clocks) {
        Map<String, Long> counts = new LinkedHashMap<>();
        clocks.forEach(clock -> counts.put(clock, 0L));
        for (Kcat.Record record : Kcat.readAll(io.siamhub.model.Topics.SLA)) {
            if (!io.siamhub.model.EventTypes.sla(io.siamhub.model.sla.SlaEventKind.BREACHED).equals(record.headers().get("ce_type"))
                    || record.payload() == null) {
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

    /** The incident of every stored signal whose fingerprint starts with the prefix. */
    private static List<String> incidentsOf(String prefix) throws java.sql.SQLException {
        try (java.sql.Connection connection = Hub.stack().postgres().connect();
                java.sql.PreparedStatement query = connection.prepareStatement(
                        "select incident_id from incident.incident_signal where fingerprint like ?")) {
            query.setString(1, prefix + "%");
            List<String> incidents = new ArrayList<>();
            try (java.sql.ResultSet result = query.executeQuery()) {
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
            return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> admin.describeConsumerGroups(GROUPS.keySet()).all().get(10, TimeUnit.SECONDS),
                            groups -> groups.values().stream().allMatch(group -> group.members().size() == members
                                    && group.members().stream().allMatch(member -> !member.assignment().topicPartitions().isEmpty())));
        }
    }

    private static String assignments(ConsumerGroupDescription group) {
        List<String> members = new ArrayList<>();
        for (MemberDescription member : group.members()) {
            members.add(member.clientId() + "=" + member.assignment().topicPartitions().size() + " partitions");
        }
        return members.toString();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
