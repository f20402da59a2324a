package io.siamhub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.siamhub.localstack.DevJwt;

/**
 * Signal load for the incident broker of a running {@code ./hub up} stack: the workload of the
 * incident-broker issue (10,000 fingerprints across 200 CIs, 70 % repeats), straight onto
 * {@code siam.signals.v1} as the normalizer would write it.
 *
 * <pre>
 * drain   [signals] [broker pid]   pause the broker (SIGSTOP), write the backlog, resume it, time the drain
 * latency [rate/s] [seconds]       offer signals at a fixed rate; latency signal → siam.incidents.v1 event
 * </pre>
 *
 * Run from the repository root while ./hub up runs: {@code ./hub bench signal-load drain 100000}.
 */
public final class SignalLoad {

    static final int CIS = 200;
    static final int FINGERPRINTS = 10_000;

    public static void main(String[] args) throws Exception {
        Map<String, String> stack = stackEnv();
        String bootstrap = stack.get("KAFKA_BOOTSTRAP_SERVERS");
        String incidents = stack.get("INCIDENTS_URL");
        String run = UUID.randomUUID().toString().substring(0, 6);
        importCatalog(incidents, run);
        switch (args.length == 0 ? "" : args[0]) {
            case "drain" -> drain(bootstrap, incidents, run, args.length > 1 ? Integer.parseInt(args[1]) : 100_000,
                    args.length > 2 ? args[2] : pid("incident-broker"));
            case "latency" -> latency(bootstrap, run, args.length > 1 ? Integer.parseInt(args[1]) : 1_000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 60);
            default -> System.err.println("usage: SignalLoad drain [signals] [pid] | latency [rate] [seconds]");
        }
    }

    /** The workload: each fingerprint first fires; then 70 % of all signals repeat a firing one, the rest resolve or re-fire one. */
    static final class Workload {
        private final Random random = new Random(42);
        private final String run;
        private final boolean[] seen = new boolean[FINGERPRINTS];
        private final boolean[] firing = new boolean[FINGERPRINTS];
        private final List<Integer> fresh = new ArrayList<>();
        private int next;

        Workload(String run, int total) {
            this.run = run;
            for (int i = 0; i < FINGERPRINTS; i++) {
                fresh.add(i);
            }
            Collections.shuffle(fresh, random);
        }

        /** The next signal as JSON, received at {@code at}. */
        String next(Instant at) {
            int fp;
            String status;
            double roll = random.nextDouble();
            if (next < FINGERPRINTS && (roll < 0.10 || next == 0)) {
                fp = fresh.get(next++);
                seen[fp] = true;
                firing[fp] = true;
                status = "FIRING";
            } else {
                fp = fresh.get(random.nextInt(Math.max(1, next)));
                if (roll < 0.80) {
                    status = "FIRING";
                    firing[fp] = true;
                } else {
                    firing[fp] = !firing[fp];
                    status = firing[fp] ? "FIRING" : "RESOLVED";
                }
            }
            int ci = fp % CIS;
            return "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"ALERT\",\"provider\":\"alertmanager\",\"providerRef\":\"" + run + "-" + fp
                    + "\",\"fingerprint\":\"bench:" + run + ":" + fp + "\",\"status\":\"" + status + "\",\"severity\":\""
                    + (fp % 3 == 0 ? "CRITICAL" : fp % 3 == 1 ? "MAJOR" : "WARNING") + "\",\"title\":\"bench alert " + fp
                    + "\",\"resource\":{\"id\":\"bench-" + run + "-host-" + ci + "\"},\"labels\":{\"alertname\":\"Bench\"},\"occurredAt\":\""
                    + at + "\",\"receivedAt\":\"" + at + "\"}";
        }
    }

    static void drain(String bootstrap, String incidents, String run, int total, String pid) throws Exception {
        long before = appliedSignals(incidents);
        signal(pid, "STOP");
        Workload workload = new Workload(run, total);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            Instant at = Instant.now();
            for (int i = 0; i < total; i++) {
                send(producer, workload.next(at));
            }
            producer.flush();
        } finally {
            signal(pid, "CONT");
        }
        long start = System.nanoTime();
        long applied = 0;
        while (applied < total) {
            Thread.sleep(100);
            applied = appliedSignals(incidents) - before;
            if (System.nanoTime() - start > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("only " + applied + " of " + total + " applied after 10 minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("drained %,d signals (10,000 fingerprints, 200 CIs, 70 %% repeats) in %.1f s: %,.0f signals/s%n", total, seconds,
                total / seconds);
    }

    static void latency(String bootstrap, String run, int rate, int seconds) throws Exception {
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        List<Long> opened = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean done = new AtomicBoolean();
        Pattern lastSeen = Pattern.compile("\"lastSeen\":\"([^\"]+)\"");
        Pattern firstSeen = Pattern.compile("\"firstSeen\":\"([^\"]+)\"");
        Thread reader = new Thread(() -> {
            Properties properties = new Properties();
            properties.put("bootstrap.servers", bootstrap);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor("siam.incidents.v1").stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (!done.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (!record.value().contains("bench alert")) {
                            continue;
                        }
                        Matcher last = lastSeen.matcher(record.value());
                        if (last.find()) {
                            all.add(record.timestamp() - Instant.parse(last.group(1)).toEpochMilli());
                        }
                        if (new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8).endsWith("opened.v1")) {
                            Matcher first = firstSeen.matcher(record.value());
                            if (first.find()) {
                                opened.add(record.timestamp() - Instant.parse(first.group(1)).toEpochMilli());
                            }
                        }
                    }
                }
            }
        });
        reader.start();
        Thread.sleep(2000);
        Workload workload = new Workload(run, rate * seconds);
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            long start = System.nanoTime();
            long interval = 1_000_000_000L / rate;
            for (long i = 0; i < (long) rate * seconds; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                send(producer, workload.next(Instant.now()));
            }
            producer.flush();
        }
        Thread.sleep(5000);
        done.set(true);
        reader.join();
        System.out.printf("offered %,d signals/s for %d s: %s%n  new incidents only: %s%n", rate, seconds, percentiles(all),
                percentiles(opened));
    }

    static String percentiles(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return "no events";
        }
        return String.format("%,d incident events, latency signal → siam.incidents.v1 p50 %d ms, p99 %d ms, p999 %d ms, max %d ms",
                sorted.size(), at(sorted, 0.50), at(sorted, 0.99), at(sorted, 0.999), sorted.get(sorted.size() - 1));
    }

    static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        properties.put("acks", "all");
        properties.put("linger.ms", "2");
        properties.put("batch.size", "262144");
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    static void send(KafkaProducer<String, String> producer, String json) {
        String id = json.substring(7, 43);
        String key = json.replaceAll(".*\"fingerprint\":\"([^\"]+)\".*", "$1");
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", "/bench/signal-load".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", "io.siamhub.signal.alert.v1".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>("siam.signals.v1", null, key, json, headers));
    }

    static void importCatalog(String incidents, String run) throws Exception {
        StringBuilder yaml = new StringBuilder("services:\n  - id: bench-" + run + "\n    name: bench " + run + "\n    criticality: MEDIUM\n");
        yaml.append("configurationItems:\n");
        for (int ci = 0; ci < CIS; ci++) {
            yaml.append("  - id: bench-").append(run).append("-ci-").append(ci).append("\n    name: bench CI ").append(ci)
                    .append("\n    service: bench-").append(run).append("\n    match:\n      - resourceId: bench-").append(run)
                    .append("-host-").append(ci).append('\n');
        }
        String token = DevJwt.token(Path.of(stackEnv().get("JWT_PRIVATE_KEY_FILE")), "bench", List.of("siam-admin"), Duration.ofHours(1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(incidents + "/api/catalog/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(yaml.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("catalog import failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Signals the broker applied so far: the sum of siam_incident_signals_total. */
    static long appliedSignals(String incidents) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(incidents + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        Matcher matcher = Pattern.compile("(?m)^siam_incident_signals_total\\{[^}]*kind=\"alert\"[^}]*\\} ([0-9.eE+]+)$").matcher(metrics);
        while (matcher.find()) {
            sum += Double.parseDouble(matcher.group(1));
        }
        return (long) sum;
    }

    static Map<String, String> stackEnv() throws Exception {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("target/hub/stack.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1).replace("'", "").replace("\"", ""));
            }
        }
        return env;
    }

    static String pid(String module) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", "services/" + module + "/target/quarkus-app").start();
        String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (out.isEmpty()) {
            throw new IllegalStateException("no running " + module + "; start the stack with ./hub up");
        }
        return out.lines().findFirst().orElseThrow();
    }

    static void signal(String pid, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start().waitFor();
    }
}
