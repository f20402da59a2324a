package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.siamhub.model.Topics;

/**
 * The whole of siam-hub on this machine, as {@code ./hub up} runs it and the end-to-end suite uses it:
 * a Kafka broker (child JVM), PostgreSQL, every topic of the design, a dev JWT key pair, and the four
 * services from their built jars. Everything lives under {@code target/hub/}; {@link #close()} stops
 * it all and removes the run's data (logs and the secrets folder stay). One stack per run folder at a
 * time: a second start on the same folder is refused (it would delete the first one's data).
 */
public final class HubStack implements AutoCloseable {

    public static final int PARTITIONS = 6;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    /** Names the catalog the incident broker seeds at start; default {@code deploy/demo/catalog.yaml}. */
    public static final String CATALOG_FILE_VARIABLE = "SIAM_CATALOG_FILE";

    /** Names the calendars and SLA definitions the SLA monitor seeds at start; default {@code deploy/demo/sla.yaml}. */
    public static final String SLA_FILE_VARIABLE = "SIAM_SLA_FILE";

    /** Names the freeze and maintenance windows the change coordinator seeds at start; default {@code deploy/demo/calendar.yaml}. */
    public static final String CALENDAR_FILE_VARIABLE = "SIAM_CALENDAR_FILE";

    /**
     * How many instances of every service to run, each in the consumer groups of its service (default 1). The first
     * instance of each is on the service's port; the others on free ports ({@link #instances(HubService)}).
     */
    public static final String INSTANCES_VARIABLE = "SIAM_INSTANCES";

    /** Where the run keeps its data and logs; default {@code target/hub} (the e2e suite and the bench use their own). */
    public static final String RUN_DIR_VARIABLE = "SIAM_HUB_DIR";

    /**
     * Where the dev JWT key, the webhook secrets and the SNS signing key are kept across runs; default
     * {@code <run folder>/secrets}. Point it outside {@code target/} to keep them through {@code mvn clean}.
     */
    public static final String SECRETS_DIR_VARIABLE = "SIAM_SECRETS_DIR";

    private final Path runDir;
    private final KafkaBroker broker;
    private final Postgres postgres;
    private final Map<HubService, ServiceProcess> services;
    private final Path publicKey;
    private final DevWebhookSecrets webhookSecrets;
    private final RunLock lock;
    private final Path root;
    private final Map<HubService, Map<String, String>> settings;
    private final Map<HubService, List<ServiceProcess>> extraInstances = new EnumMap<>(HubService.class);

    private HubStack(Path root, Path runDir, KafkaBroker broker, Postgres postgres, Map<HubService, ServiceProcess> services,
            Map<HubService, Map<String, String>> settings, Path publicKey, DevWebhookSecrets webhookSecrets, RunLock lock) {
        this.root = root;
        this.settings = settings;
        this.lock = lock;
        this.runDir = runDir;
        this.broker = broker;
        this.postgres = postgres;
        this.services = services;
        this.publicKey = publicKey;
        this.webhookSecrets = webhookSecrets;
    }

    /**
     * Starts everything and waits until every service is ready.
     *
     * @param root     the repository root (services are found under {@code services/<module>/target})
     * @param settings the environment: port variables ({@link HubService#portVariable()},
     *                 {@code SIAM_KAFKA_PORT}, {@code SIAM_PG_PORT}; 0 means any free port;
     *                 {@code SIAM_CATALOG_FILE}, {@code SIAM_SLA_FILE}, {@code SIAM_CALENDAR_FILE}, {@code SIAM_HUB_DIR})
     * @throws PortTakenException when a configured port is already taken
     */
    public static HubStack start(Path root, Map<String, String> settings) {
        return start(root, settings, Map.of());
    }

    /**
     * As {@link #start(Path, Map)}, with extra configuration for some services (the end-to-end suite
     * shortens the incident broker's quiet periods, the benchmark enables the adapters' bench endpoint).
     */
    public static HubStack start(Path root, Map<String, String> settings, Map<HubService, Map<String, String>> overrides) {
        return start(root, settings, overrides, step -> {
        });
    }

    /**
     * As {@link #start(Path, Map, Map)}, telling {@code progress} what it is doing (one line per step,
     * for {@code ./hub up}).
     */
    public static HubStack start(Path root, Map<String, String> settings, Map<HubService, Map<String, String>> overrides,
            java.util.function.Consumer<String> progress) {
        Path runDir = runDir(root, settings);
        Path secretsDir = secretsDir(runDir, settings);
        for (HubService service : HubService.values()) {
            jar(root, service);
        }
        // before the ports: a stack already running from this folder holds them, and its data must not be touched
        RunLock lock = RunLock.take(runDir);
        try {
            Map<HubService, Integer> ports = new EnumMap<>(HubService.class);
            for (HubService service : HubService.values()) {
                ports.put(service, port(settings, service.portVariable(), service.defaultPort()));
            }
            int kafkaPort = port(settings, "SIAM_KAFKA_PORT", 0);
            int pgPort = port(settings, "SIAM_PG_PORT", 0);
            return start(root, settings, overrides, progress, runDir, secretsDir, ports, kafkaPort, pgPort, lock);
        } catch (RuntimeException e) {
            lock.release();
            throw e;
        }
    }

    private static HubStack start(Path root, Map<String, String> settings, Map<HubService, Map<String, String>> overrides,
            java.util.function.Consumer<String> progress, Path runDir, Path secretsDir, Map<HubService, Integer> ports, int kafkaPort,
            int pgPort, RunLock lock) {
        clearRunState(runDir, List.of("kafka", "postgres", "jwt", "webhooks", "stack.env"));
        progress.accept("starting Kafka (KRaft, child JVM) and PostgreSQL");

        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(runDir.resolve("kafka"), kafkaPort, "512m"));
        CompletableFuture<Postgres> database = CompletableFuture.supplyAsync(
                () -> Postgres.start(runDir.resolve("postgres"), runDir.resolve("pg-binaries"), pgPort));
        Map<HubService, ServiceProcess> services = new EnumMap<>(HubService.class);
        Map<HubService, Map<String, String>> allSettings = new EnumMap<>(HubService.class);
        int instances = instances(settings);
        try {
            KafkaBroker broker = kafka.join();
            Postgres postgres = database.join();
            broker.createTopics(Topics.ALL, PARTITIONS);
            Path publicKey = DevJwt.keyPair(secretsDir.resolve("jwt"));
            DevWebhookSecrets webhookSecrets = DevWebhookSecrets.load(secretsDir, settings);
            progress.accept("Kafka on " + broker.bootstrapServers() + ", PostgreSQL on " + postgres.jdbcUrl()
                    + "; starting the services");

            Map<String, String> common = new LinkedHashMap<>();
            common.put("kafka.bootstrap.servers", broker.bootstrapServers());
            common.put("quarkus.datasource.reactive.url", postgres.reactiveUrl());
            common.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
            common.put("quarkus.datasource.username", postgres.username());
            common.put("quarkus.datasource.password", postgres.password());
            common.put("mp.jwt.verify.publickey.location", publicKey.toString());
            for (HubService service : HubService.values()) {
                Map<String, String> serviceSettings = new LinkedHashMap<>(common);
                if (service == HubService.PROVIDER_ADAPTERS) {
                    serviceSettings.putAll(webhookSecrets.adapterSettings());
                    // a local stack's subscribers and test doubles listen on loopback; retries start after about 1 s
                    serviceSettings.put("siam.adapters.outbound.allow-insecure-loopback", "true");
                    serviceSettings.put("siam.adapters.outbound.retry.first-delay", "1s");
                }
                if (service == HubService.INCIDENT_BROKER) {
                    serviceSettings.put("siam.incident.catalog-file", catalogFile(root, settings).toString());
                }
                if (service == HubService.SLA_MONITOR) {
                    serviceSettings.put("siam.sla.definitions-file", demoFile(root, settings, SLA_FILE_VARIABLE, "deploy/demo/sla.yaml").toString());
                }
                if (service == HubService.CHANGE_COORDINATOR) {
                    serviceSettings.put("siam.change.calendar-file",
                            demoFile(root, settings, CALENDAR_FILE_VARIABLE, "deploy/demo/calendar.yaml").toString());
                }
                serviceSettings.putAll(overrides.getOrDefault(service, Map.of()));
                allSettings.put(service, serviceSettings);
                ServiceProcess process = new ServiceProcess(service.module(), jar(root, service), ports.get(service),
                        serviceSettings, runDir, "256m");
                services.put(service, process);
                process.start();
            }
            for (Map.Entry<HubService, ServiceProcess> started : services.entrySet()) {
                started.getValue().awaitReady(READY_TIMEOUT);
                progress.accept(started.getKey().module() + " is ready");
            }
            HubStack stack = new HubStack(root, runDir, broker, postgres, services, allSettings, publicKey, webhookSecrets, lock);
            try {
                for (int n = 2; n <= instances; n++) {
                    List<ServiceProcess> more = new ArrayList<>();
                    for (HubService service : HubService.values()) {
                        more.add(stack.startInstance(service));
                    }
                    for (ServiceProcess process : more) {
                        process.awaitReady(READY_TIMEOUT);
                        progress.accept(process.name() + " is ready");
                    }
                }
            } catch (RuntimeException e) {
                stack.stopExtraInstances();
                throw e;
            }
            return stack;
        } catch (RuntimeException e) {
            services.values().forEach(ServiceProcess::stop);
            kafka.thenAccept(KafkaBroker::close);
            database.thenAccept(Postgres::close);
            throw e;
        }
    }

    /**
     * Starts one more instance of a service, with the settings of the first, on a free port; it joins the consumer
     * groups of its service, so the partitions are shared among the instances (the caller waits for
     * {@link ServiceProcess#awaitReady}). Its log is {@code logs/<module>-<n>.log}; {@link #close()} stops it.
     */
    public synchronized ServiceProcess startInstance(HubService service) {
        List<ServiceProcess> extra = extraInstances.computeIfAbsent(service, s -> new ArrayList<>());
        ServiceProcess process = new ServiceProcess(service.module() + "-" + (extra.size() + 2), jar(root, service), LoopbackPorts.free(),
                settings.get(service), runDir, "256m");
        extra.add(process);
        process.start();
        return process;
    }

    /** Every instance of a service, the first one ({@link #service}) first. */
    public synchronized List<ServiceProcess> instances(HubService service) {
        List<ServiceProcess> all = new ArrayList<>();
        all.add(services.get(service));
        all.addAll(extraInstances.getOrDefault(service, List.of()));
        return all;
    }

    /** Stops the instances {@link #startInstance} started (SIGTERM), leaving one of each service. */
    public synchronized void stopExtraInstances() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        extraInstances.values().forEach(list -> list.forEach(process -> stops.add(CompletableFuture.runAsync(process::stop))));
        stops.forEach(CompletableFuture::join);
        extraInstances.clear();
    }

    public KafkaBroker broker() {
        return broker;
    }

    public Postgres postgres() {
        return postgres;
    }

    public ServiceProcess service(HubService service) {
        return services.get(service);
    }

    public DevWebhookSecrets webhookSecrets() {
        return webhookSecrets;
    }

    /** The private key that signs dev JWTs for this run ({@link DevJwt#token}). */
    public Path jwtPrivateKey() {
        return publicKey.resolveSibling("private.pem");
    }

    /** The facts scripts need, in {@code stack.env} order. */
    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        facts.put("PG_URL", postgres.jdbcUrl());
        facts.put("PG_USER", postgres.username());
        facts.put("PG_PASSWORD", postgres.password());
        services.forEach((service, process) -> facts.put(service.urlKey(), process.url()));
        facts.put("SIAM_SECRETS_DIR", secretsDir().toString());
        facts.put("JWT_PUBLIC_KEY_FILE", publicKey.toString());
        facts.put("JWT_PRIVATE_KEY_FILE", jwtPrivateKey().toString());
        facts.putAll(webhookSecrets.facts());
        return facts;
    }

    /** Writes {@link #facts()} as shell {@code KEY=value} lines to {@code target/hub/stack.env}. */
    public Path writeEnvFile() {
        Path file = runDir.resolve("stack.env");
        String lines = facts().entrySet().stream().map(fact -> fact.getKey() + "=" + fact.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.writeString(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Stops the services, the broker and the database; removes everything of the run but its logs. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        services.values().forEach(process -> stops.add(CompletableFuture.runAsync(process::stop)));
        extraInstances.values().forEach(list -> list.forEach(process -> stops.add(CompletableFuture.runAsync(process::stop))));
        stops.forEach(CompletableFuture::join);
        broker.close();
        postgres.close();
        clearRunState(runDir, List.of("kafka", "postgres", "jwt", "webhooks", "tmp", "stack.env"));
        lock.release();
    }

    /** {@code SIAM_HUB_DIR}, or {@code target/hub}. */
    public static Path runDir(Path root, Map<String, String> settings) {
        String chosenDir = settings.get(RUN_DIR_VARIABLE);
        return chosenDir == null || chosenDir.isBlank() ? root.resolve("target").resolve("hub") : Path.of(chosenDir).toAbsolutePath();
    }

    /** {@code SIAM_SECRETS_DIR}, or {@code <run folder>/secrets}. */
    public static Path secretsDir(Path runDir, Map<String, String> settings) {
        String chosen = settings.get(SECRETS_DIR_VARIABLE);
        return chosen == null || chosen.isBlank() ? runDir.resolve("secrets") : Path.of(chosen).toAbsolutePath();
    }

    /** The folder the run keeps its secrets in. */
    public Path secretsDir() {
        return webhookSecrets.snsCertDir().getParent();
    }

    private static void clearRunState(Path runDir, List<String> parts) {
        for (String part : parts) {
            Path path = runDir.resolve(part);
            if (Files.isDirectory(path)) {
                Folders.deleteRecursively(path);
            } else {
                path.toFile().delete();
            }
        }
    }


    /** {@code SIAM_CATALOG_FILE}, or the demo catalog whose rules fit the provider fixtures. */
    static Path catalogFile(Path root, Map<String, String> settings) {
        String chosen = settings.get(CATALOG_FILE_VARIABLE);
        Path file = chosen == null || chosen.isBlank() ? root.resolve("deploy/demo/catalog.yaml") : Path.of(chosen).toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IllegalStateException("no catalog file at " + file + " (" + CATALOG_FILE_VARIABLE + ")");
        }
        return file;
    }

    /** The file a variable names, or the demo file; it must exist. */
    static Path demoFile(Path root, Map<String, String> settings, String variable, String demo) {
        String chosen = settings.get(variable);
        Path file = chosen == null || chosen.isBlank() ? root.resolve(demo) : Path.of(chosen).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no file at " + file + " (" + variable + ")");
        }
        return file;
    }

    private static Path jar(Path root, HubService service) {
        Path jar = root.resolve("services").resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./hub up builds what is missing)");
        }
        return jar;
    }

    /** {@code SIAM_INSTANCES}: 1 to 8 instances of every service. */
    static int instances(Map<String, String> settings) {
        String value = settings.get(INSTANCES_VARIABLE);
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int instances = Integer.parseInt(value.trim());
            if (instances >= 1 && instances <= 8) {
                return instances;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(INSTANCES_VARIABLE + "=" + value + " is not a number of instances from 1 to 8");
    }

    private static int port(Map<String, String> settings, String variable, int fallback) {
        String value = settings.get(variable);
        int port;
        try {
            port = value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + "=" + value + " is not a port number");
        }
        if (port == 0) {
            return LoopbackPorts.free();
        }
        if (!LoopbackPorts.isFree(port)) {
            throw new PortTakenException(port, variable);
        }
        return port;
    }

    /** A port the stack needs is already in use. */
    public static final class PortTakenException extends RuntimeException {
        public PortTakenException(int port, String variable) {
            super("port " + port + " on 127.0.0.1 is already in use; free it or set " + variable + " to another port");
        }
    }
}
