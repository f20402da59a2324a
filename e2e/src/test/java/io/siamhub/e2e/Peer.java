package io.siamhub.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real peer from Debian's packages (Alertmanager, Prometheus) run as a child process on a loopback
 * port, its output in {@code e2e/target/peers/<name>.log}. {@code .ci/run} installs the packages.
 */
public final class Peer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final String url;
    private final Process process;
    private final Path log;

    private Peer(String name, String url, Process process, Path log) {
        this.name = name;
        this.url = url;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code binary} with {@code arguments}, and waits until {@code readyPath} answers 200.
     *
     * @param aptPackage the Debian package that has the binary, named in the failure when it is missing
     */
    public static Peer start(String name, String binary, String aptPackage, int port, String readyPath, List<String> arguments) {
        Path executable = Path.of("/usr/bin", binary);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: apt-get install " + aptPackage + " (.ci/run does)");
        }
        Path log = Path.of("target", "peers", name + ".log").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Peer peer = new Peer(name, "http://127.0.0.1:" + port, process, log);
            peer.awaitReady(readyPath);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return url;
    }

    public Path log() {
        return log;
    }

    private void awaitReady(String path) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(200);
        }
        close();
        throw new IllegalStateException(name + " was not ready within 30 s; see " + log);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
