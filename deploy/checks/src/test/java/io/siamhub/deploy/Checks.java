package io.siamhub.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where the repository is, its version, and the helm binary the chart checks run. */
final class Checks {

    static final String HELM_VERSION = "v3.17.3";

    private Checks() {
    }

    /** The repository root (surefire sets {@code siam.hub.root}). */
    static Path root() {
        return Path.of(System.getProperty("siam.hub.root", "../..")).toAbsolutePath().normalize();
    }

    /** The Maven project version (surefire sets {@code siam.version}): the images' tag. */
    static String projectVersion() {
        String version = System.getProperty("siam.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("siam.version is not set: run the checks through Maven");
        }
        return version;
    }

    /**
     * The helm 3 binary: {@code SIAM_HELM}, else {@code helm} on the PATH, else the one deploy/helm-tool keeps in
     * {@code ~/.cache/siam-hub/tools} ({@code SIAM_TOOLS_DIR}). Never absent quietly: without one, the chart checks fail
     * and say how to get it ({@code ./hub test} runs deploy/helm-tool first).
     */
    static Path helm() {
        String chosen = System.getenv("SIAM_HELM");
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve("helm");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String tools = System.getenv("SIAM_TOOLS_DIR");
        Path kept = (tools == null || tools.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "siam-hub", "tools") : Path.of(tools))
                .resolve("helm-" + HELM_VERSION).resolve("helm");
        if (Files.isExecutable(kept)) {
            return kept;
        }
        throw new IllegalStateException("the chart checks need helm 3 and there is none (not SIAM_HELM, not on the PATH, not " + kept
                + "): run deploy/helm-tool (it fetches helm " + HELM_VERSION + " from the npm registry), or ./hub test, which runs it first");
    }

    /** The result of one helm run. */
    record Run(int exitCode, String output, String errors) {
    }

    /** Runs helm in the repository root with these arguments. */
    static Run helm(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(helm().toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            Thread errorReader = new Thread(() -> copy(process.getErrorStream(), errors), "helm-errors");
            errorReader.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("helm " + String.join(" ", arguments) + " did not end within 2 minutes");
            }
            errorReader.join();
            return new Run(process.exitValue(), output, errors.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
