package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import io.siamhub.model.Topics;

/**
 * A real single-node Apache Kafka broker (KRaft, Kafka's own jars) in a child JVM on 127.0.0.1.
 * Storage lives in the folder it is given; {@link #close()} stops the broker and deletes the folder.
 * {@link #kill()} and {@link #restart()} keep the storage, for fault drills.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort, String heap) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    /** Starts a broker on free ports with its storage under {@code dir} and waits until it answers. */
    public static KafkaBroker start(Path dir) {
        return start(dir, LoopbackPorts.free(), "512m");
    }

    /** Starts a broker on the given client port (0 for a free one) and heap limit. */
    public static KafkaBroker start(Path dir, int port, String heap) {
        KafkaBroker broker = new KafkaBroker(dir, port == 0 ? LoopbackPorts.free() : port, LoopbackPorts.free(), heap);
        broker.writeProperties();
        broker.launch();
        return broker;
    }

    public String bootstrapServers() {
        return LoopbackPorts.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The broker process, for resident-memory and CPU readings. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** Creates the topics (idempotent), compacted where the spec says so. */
    public void createTopics(Collection<Topics.Spec> topics, int partitions) {
        List<NewTopic> newTopics = topics.stream()
                .map(spec -> new NewTopic(spec.name(), partitions, (short) 1)
                        .configs(spec.compacted() ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                                : Map.of()))
                .collect(Collectors.toList());
        try (Admin admin = admin()) {
            admin.createTopics(newTopics).values().values().forEach(future -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topics", e.getCause());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("could not create topics", e);
                }
            });
        }
    }

    /** The names of the topics the broker has. */
    public Set<String> topics() {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not list topics", e);
        }
    }

    /** kill -9: the broker stops at once; storage is kept for {@link #restart()}. */
    public void kill() {
        process.destroyForcibly();
        ProcessWaits.exited(process, Duration.ofSeconds(30));
    }

    /** Starts the broker again on the same ports and storage. */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("broker is still running");
        }
        launch();
    }

    /** A clean stop (SIGTERM), then the storage folder is deleted. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!ProcessWaits.exited(process, Duration.ofSeconds(30))) {
                kill();
            }
        }
        Folders.deleteRecursively(dir);
    }

    private void launch() {
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(RuntimeClasspath.javaExecutable(),
                    "-Xmx" + heap, "-Xms128m",
                    "-Djava.io.tmpdir=" + dir,
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp", RuntimeClasspath.get(),
                    KafkaServerMain.class.getName(),
                    propertiesFile().toString(), logDir().toString());
            builder.redirectErrorStream(true);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
            // stdin stays a pipe we never close: the child exits when this JVM is gone
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with " + process.exitValue() + "; see "
                        + dir.resolve("broker.log"));
            }
            if (!LoopbackPorts.isListening(port)) {
                ProcessWaits.pause(100);
                continue;
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                last = e;
                ProcessWaits.pause(200);
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + READY_TIMEOUT, last);
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(properties);
    }

    private void writeProperties() {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + LoopbackPorts.HOST + ":" + controllerPort,
                "listeners=PLAINTEXT://" + LoopbackPorts.HOST + ":" + port + ",CONTROLLER://" + LoopbackPorts.HOST + ":"
                        + controllerPort,
                "advertised.listeners=PLAINTEXT://" + LoopbackPorts.HOST + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir(),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // after a kill -9 the restarted broker waits for its old session to expire: keep it short
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000",
                "");
        try {
            Files.createDirectories(dir);
            Files.writeString(propertiesFile(), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path propertiesFile() {
        return dir.resolve("server.properties");
    }

    private Path logDir() {
        return dir.resolve("data");
    }

}
