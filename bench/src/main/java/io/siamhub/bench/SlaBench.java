package io.siamhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.HubStack;
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

/**
 * {@code ./hub bench sla}: the SLA monitor's timers at scale, on a stack started as {@code ./hub up} starts it.
 * <ol>
 * <li>Idle cost: 1,000 running clocks nothing is due for (target 30 days), the SLA monitor's and PostgreSQL's CPU over
 * a minute; then 100,000 such clocks, the same minute. The scheduler looks at the {@code next_due_at} index only, so
 * the two must cost about the same.</li>
 * <li>Timer lateness: 100,000 running clocks whose breach instants are spread over five minutes (incident events
 * written straight to {@code siam.incidents.v1}, as the incident broker would); every {@code breached} event read from
 * {@code siam.sla.v1} is timed from its due instant to its record's timestamp (published by the outbox relay).</li>
 * </ol>
 * Writes {@code target/bench/sla-report.md}. {@code --quick} uses 10,000 clocks and shorter phases.
 */
public final class SlaBench {

    private final Path root;
    private final Path out;
    private final boolean quick;
    private final int clocks;
    private final HttpClient http = HttpClient.newHttpClient();
    private HubStack stack;
    private String token;

    private SlaBench(Path root, boolean quick) {
        this.root = root;
        this.out = root.resolve("target/bench");
        this.quick = quick;
        this.clocks = quick ? 10_000 : 100_000;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("siam.hub.root", ".")).toAbsolutePath().normalize();
        new SlaBench(root, List.of(args).contains("--quick")).run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        log("starting the stack");
        stack = HubStack.start(root, Map.of(HubStack.RUN_DIR_VARIABLE, out.resolve("sla-hub").toString(),
                HubService.PROVIDER_ADAPTERS.portVariable(), "0", HubService.INCIDENT_BROKER.portVariable(), "0",
                HubService.CHANGE_COORDINATOR.portVariable(), "0", HubService.SLA_MONITOR.portVariable(), "0"));
        Thread stop = new Thread(stack::close, "sla-bench-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            token = DevJwt.token(stack.jwtPrivateKey(), "bench", List.of("siam-admin"), Duration.ofHours(4));
            String bootstrap = stack.broker().bootstrapServers();
            put("/api/sla/definitions/bench-idle", definition("bench idle", "bench-idle", "P30D"));
            put("/api/sla/definitions/bench-breach", definition("bench breach", "bench-breach", "PT10M"));
            Processes processes = new Processes(List.of(
                    new Processes.Watched("sla-monitor", () -> List.of(stack.service(HubService.SLA_MONITOR).process().pid())),
                    new Processes.Watched("postgresql (all processes)", () -> postgres(out.resolve("sla-hub/postgres/data").toString()))));
            Duration idleWindow = quick ? Duration.ofSeconds(20) : Duration.ofSeconds(60);

            int small = 1_000;
            try (KafkaProducer<String, String> producer = SignalLoad.producer(bootstrap)) {
                log("seeding " + small + " idle clocks");
                seed(producer, "bench-idle", small, Instant.now(), Duration.ZERO);
                awaitClocks(small);
                Map<String, Double> idleSmall = cpu(processes, idleWindow);

                log("seeding " + (clocks - small) + " more idle clocks");
                long seedStart = System.nanoTime();
                seed(producer, "bench-idle", clocks - small, Instant.now(), Duration.ZERO);
                awaitClocks(clocks);
                double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
                Map<String, Double> idleLarge = cpu(processes, idleWindow);

                // the breach phase: dues spread over a window that begins once seeding is surely done
                Duration spread = quick ? Duration.ofMinutes(2) : Duration.ofMinutes(5);
                Duration lead = Duration.ofSeconds(Math.max(60, Math.round(seedSeconds * 1.5) + 30));
                Instant firstDue = Instant.now().plus(lead);
                Map<String, Instant> started = new ConcurrentHashMap<>();
                Histogram lateness = new Histogram(3_600_000L, 3);
                AtomicBoolean reading = new AtomicBoolean(true);
                int[] overdueAtStart = {0};
                Thread reader = new Thread(() -> readBreaches(bootstrap, started, lateness, overdueAtStart, reading), "sla-bench-reader");
                reader.start();
                log("seeding " + clocks + " clocks due between " + firstDue + " and " + firstDue.plus(spread));
                seed(producer, "bench-breach", clocks, firstDue.minus(Duration.ofMinutes(10)), spread);
                awaitClocks(2 * clocks);
                Instant lastDue = firstDue.plus(spread);
                while (Instant.now().isBefore(lastDue.plusSeconds(20)) || lateness.getTotalCount() + overdueAtStart[0] < clocks) {
                    if (Instant.now().isAfter(lastDue.plus(Duration.ofMinutes(5)))) {
                        break;
                    }
                    Thread.sleep(1000);
                    log("breaches read: " + lateness.getTotalCount());
                }
                reading.set(false);
                reader.join();
                write(idleSmall, idleLarge, small, lateness, overdueAtStart[0], seedSeconds);
            }
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    /** The postmaster (found by its data folder) and every backend it forked. */
    private static List<Long> postgres(String dataFolder) {
        return Processes.withCommandLine(dataFolder).stream()
                .flatMap(pid -> java.util.stream.Stream.concat(java.util.stream.Stream.of(pid), ProcessHandle.of(pid)
                        .map(handle -> handle.descendants().map(ProcessHandle::pid)).orElse(java.util.stream.Stream.empty())))
                .distinct().toList();
    }

    private static String definition(String name, String service, String target) {
        return "{\"name\":\"" + name + "\",\"type\":\"SLA\",\"party\":\"integrator\",\"metric\":\"RESOLUTION\",\"appliesTo\":{\"services\":[\""
                + service + "\"]},\"target\":\"" + target + "\",\"calendar\":\"always\"}";
    }

    /** Writes {@code count} opened incidents of {@code service}; creation instants spread evenly over {@code spread} from {@code from}. */
    private static void seed(KafkaProducer<String, String> producer, String service, int count, Instant from, Duration spread) throws Exception {
        long step = count <= 1 ? 0 : spread.toNanos() / (count - 1);
        for (int i = 0; i < count; i++) {
            Instant created = from.plusNanos(step * i).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            String id = UUID.randomUUID().toString();
            Incident incident = new Incident(id, String.format(Locale.ROOT, "INC%07d", i), service + " bench incident " + i, null,
                    IncidentStatus.NEW, Impact.LOW, Urgency.LOW, Priority.P5, service, null, "service-desk", null, List.of(), List.of(), false,
                    false, false, false, created, null, null, null, 1);
            String json = SiamJson.mapper().writeValueAsString(new IncidentEvent(IncidentEventKind.OPENED, incident, List.of(),
                    Actor.system("bench"), "bench", created));
            RecordHeaders headers = new RecordHeaders();
            headers.add("ce_specversion", "1.0".getBytes());
            headers.add("ce_id", UUID.randomUUID().toString().getBytes());
            headers.add("ce_source", "/siam-hub/bench".getBytes());
            headers.add("ce_type", EventTypes.INCIDENT_OPENED.getBytes());
            headers.add("ce_time", created.toString().getBytes());
            producer.send(new ProducerRecord<>(Topics.INCIDENTS, null, id, json, headers));
        }
        producer.flush();
    }

    private void awaitClocks(int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            long running = metric("siam_sla_clocks", "RUNNING");
            if (running >= expected) {
                log(running + " running clocks");
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("the SLA monitor did not reach " + expected + " clocks in 30 minutes");
    }

    /** A gauge line of /q/metrics (the gauge refreshes itself at most every 10 s when scraped). */
    private long metric(String name, String state) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.service(HubService.SLA_MONITOR).url() + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long total = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + "{") && line.contains("state=\"" + state + "\"")) {
                total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    private static Map<String, Double> cpu(Processes processes, Duration window) throws InterruptedException {
        Thread.sleep(15_000);
        Map<String, Double> before = processes.cpuSeconds();
        Thread.sleep(window.toMillis());
        Map<String, Double> after = processes.cpuSeconds();
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, (seconds - before.getOrDefault(name, 0.0)) / window.toSeconds()));
        log("CPU (cores) over " + window.toSeconds() + " s: " + used);
        return used;
    }

    /** Times every breach from its due instant (occurredAt) to its record's timestamp; breaches of clocks created overdue are counted apart. */
    private static void readBreaches(String bootstrap, Map<String, Instant> started, Histogram lateness, int[] overdueAtStart,
            AtomicBoolean reading) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA).stream()
                    .map(info -> new TopicPartition(Topics.SLA, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Map<String, Long> startedAtRecord = new HashMap<>();
            while (reading.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    String type = new String(record.headers().lastHeader("ce_type").value());
                    JsonNode event;
                    try {
                        event = SiamJson.mapper().readTree(record.value());
                    } catch (Exception e) {
                        continue;
                    }
                    String clock = event.path("clockId").asText();
                    if (type.equals(EventTypes.SLA_STARTED)) {
                        startedAtRecord.put(clock, record.timestamp());
                    } else if (type.equals(EventTypes.SLA_BREACHED)) {
                        long due = Instant.parse(event.path("occurredAt").asText()).toEpochMilli();
                        Long startedAt = startedAtRecord.get(clock);
                        if (startedAt == null || startedAt >= due) {
                            overdueAtStart[0]++;
                        } else {
                            lateness.recordValue(Math.max(0, record.timestamp() - due));
                        }
                    }
                }
            }
        }
    }

    private void write(Map<String, Double> idleSmall, Map<String, Double> idleLarge, int small, Histogram lateness, int overdue,
            double seedSeconds) throws Exception {
        StringBuilder report = new StringBuilder();
        report.append("# ./hub bench sla").append(quick ? " --quick" : "").append(" (").append(Instant.now()).append(")\n\n");
        report.append("Timer lateness of breach events (due instant → record on siam.sla.v1), ").append(String.format(Locale.ROOT, "%,d", clocks))
                .append(" running clocks due over ").append(quick ? "2" : "5").append(" minutes:\n\n");
        report.append("| breaches timed | p50 ms | p99 ms | max ms | created already overdue (not timed) |\n|---:|---:|---:|---:|---:|\n");
        report.append(String.format(Locale.ROOT, "| %,d | %d | %d | %d | %,d |%n%n", lateness.getTotalCount(), lateness.getValueAtPercentile(50),
                lateness.getValueAtPercentile(99), lateness.getMaxValue(), overdue));
        report.append("Idle cost (CPU cores used on average over the window; clocks running, nothing due):\n\n");
        report.append("| process | ").append(String.format(Locale.ROOT, "%,d", small)).append(" idle clocks | ")
                .append(String.format(Locale.ROOT, "%,d", clocks)).append(" idle clocks | ratio |\n|---|---:|---:|---:|\n");
        for (String name : idleSmall.keySet()) {
            double a = idleSmall.get(name);
            double b = idleLarge.getOrDefault(name, 0.0);
            report.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.2f |%n", name, a, b, a == 0 ? 0 : b / a));
        }
        report.append(String.format(Locale.ROOT, "%nSeeding %,d clocks through siam.incidents.v1 took %.1f s (%.0f incident events/s).%n",
                clocks - small, seedSeconds, (clocks - small) / seedSeconds));
        Path file = out.resolve("sla-report.md");
        Files.writeString(file, report);
        System.out.println();
        System.out.println(report);
        log("report: " + file);
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.service(HubService.SLA_MONITOR).url() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void log(String message) {
        System.out.println("[sla-bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

}
