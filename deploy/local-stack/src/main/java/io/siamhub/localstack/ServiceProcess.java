package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One siam-hub service run from its built jar ({@code target/quarkus-app/quarkus-run.jar}) as a child
 * process with a capped heap, its settings as system properties, its output in a log file. It exits
 * with its parent ({@code siam.kit.exit-with-parent}), even after the parent's kill -9.
 */
public final class ServiceProcess {

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> settings;
    private final Path log;
    private final Path tmp;
    private final String heap;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> settings, Path runDir, String heap) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.settings = Map.copyOf(settings);
        this.log = runDir.resolve("logs").resolve(name + ".log");
        this.tmp = runDir.resolve("tmp").resolve(name);
        this.heap = heap;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + LoopbackPorts.HOST + ":" + port;
    }

    public Path log() {
        return log;
    }

    /** The running process, for resident-memory and CPU readings. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./hub up builds what is missing)");
        }
        // a small service on a small machine: the serial collector keeps the resident set close to the
        // heap (G1's remembered sets and card tables cost tens of MiB), as do fewer malloc arenas
        List<String> command = new ArrayList<>(List.of(RuntimeClasspath.javaExecutable(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.port=" + port,
                "-Dsiam.kit.exit-with-parent=true"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(tmp);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers UP; fails early if the process dies. */
    public void awaitReady(Duration timeout) {
        ProcessWaits.untilReady(name, process, log, URI.create(url() + "/q/health/ready"), timeout,
                response -> response.statusCode() == 200 && response.body().contains("\"UP\""));
    }

    /** A clean stop (SIGTERM), then SIGKILL after 20 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!ProcessWaits.exited(process, Duration.ofSeconds(20))) {
            kill();
        }
    }

    /** kill -9, for fault drills. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            ProcessWaits.exited(process, Duration.ofSeconds(20));
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

}
