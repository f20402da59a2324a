package io.siamhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real peer from Debian's packages (Alertmanager, Prometheus) run as a child process on a loopback
 * port, its output in a log file: the end-to-end suite's peers and the benchmark's reference.
 * {@code .ci/run} installs the packages.
 */
public final class DebianPeer implements AutoCloseable {

    private final String name;
    private final String url;
    private final Process process;
    private final Path log;

    private DebianPeer(String name, String url, Process process, Path log) {
        this.name = name;
        this.url = url;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code /usr/bin/<binary>} with {@code arguments}, and waits until {@code readyPath} answers 200.
     *
     * @param aptPackage the Debian package that has the binary, named in the failure when it is missing
     * @param log        where its output goes
     */
    public static DebianPeer start(String name, String binary, String aptPackage, int port, String readyPath, List<String> arguments,
            Path log) {
        Path executable = Path.of("/usr/bin", binary);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: ./hub test installs it (or apt-get install " + aptPackage + ")");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            DebianPeer peer = new DebianPeer(name, "http://" + LoopbackPorts.HOST + ":" + port, process, log);
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

    /** The running process, for resident-memory and CPU readings. */
    public long pid() {
        return process.pid();
    }

    private void awaitReady(String path) {
        try {
            ProcessWaits.untilReady(name, process, log, URI.create(url + path), Duration.ofSeconds(30),
                    response -> response.statusCode() == 200);
        } catch (IllegalStateException notReady) {
            close();
            throw notReady;
        }
    }

    @Override
    public void close() {
        process.destroy();
        if (!ProcessWaits.exited(process, Duration.ofSeconds(10))) {
            process.destroyForcibly();
            ProcessWaits.exited(process, Duration.ofSeconds(10));
        }
    }
}
