package io.siamhub.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.siamhub.model.Topics;

/**
 * Starts a real Kafka broker and a real PostgreSQL (in parallel) for a module's {@code @QuarkusTest}s
 * and hands the service their addresses and a dev JWT key. Quarkus starts it once per test JVM;
 * everything lives under {@code target/local-stack/} and is removed when the tests end.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile LocalStackResource running;

    private KafkaBroker broker;
    private Postgres postgres;
    private Path dir;

    @Override
    public Map<String, String> start() {
        Path base = Path.of("target", "local-stack").toAbsolutePath();
        dir = base.resolve(UUID.randomUUID().toString());
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> KafkaBroker.start(dir.resolve("kafka")));
        CompletableFuture<Postgres> database = CompletableFuture.supplyAsync(
                () -> Postgres.start(dir.resolve("postgres"), base.resolve("pg-binaries"), 0));
        broker = kafka.join();
        postgres = database.join();
        broker.createTopics(Topics.ALL, 6);

        Path publicKey = DevJwt.writeKeyPair(dir.resolve("jwt"));
        System.setProperty(DevJwt.PRIVATE_KEY_PROPERTY, dir.resolve("jwt").resolve("private.pem").toString());
        running = this;
        return Map.of(
                "kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(),
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(),
                "quarkus.datasource.username", postgres.username(),
                "quarkus.datasource.password", postgres.password(),
                "mp.jwt.verify.publickey.location", publicKey.toString());
    }

    /** The stack of this test JVM, for tests that stop and restart the broker or the database. */
    public static LocalStackResource running() {
        return running;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Postgres postgres() {
        return postgres;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (dir != null) {
            Folders.deleteRecursively(dir);
        }
    }
}
