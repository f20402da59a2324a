package io.siamhub.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh stack started exactly as a new user starts one: {@code ./hub up} from a folder laid out like
 * a clone ({@code hub}, {@code services}, {@code deploy} link to the repository; {@code target/hub} is
 * the run's own), on free ports, never building ({@code SIAM_HUB_NO_BUILD}: the reactor built the jars).
 * What it printed is kept for comparison with the README. Stopped (SIGTERM, as Ctrl-C) when the JVM's
 * tests are done. Test classes use it with {@code @ExtendWith(FreshHub.class)}.
 */
public final class FreshHub implements BeforeAllCallback {

    /** The clone-like folder the examples run in. */
    public static final Path HOME = Hub.ROOT.resolve("e2e/target/fresh-hub");
    private static final Duration START = Duration.ofMinutes(5);

    private static Process process;
    // its own lock-free list: start() holds the class monitor while it waits for these lines
    private static final List<String> OUTPUT = new CopyOnWriteArrayList<>();
    private static Map<String, String> facts;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(FreshHub.class, key -> new Stop(), Stop.class);
    }

    /** The environment of a command run in {@link #HOME}: what a user's shell has, plus where the run keeps its data. */
    public static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SIAM_HUB_DIR", HOME.resolve("target/hub").toString());
        environment.put("SIAM_HUB_NO_BUILD", "1");
        return environment;
    }

    /** What {@code ./hub up} printed until it was ready. */
    public static List<String> output() {
        return List.copyOf(OUTPUT);
    }

    /** The run's {@code target/hub/stack.env}. */
    public static Map<String, String> facts() {
        return facts;
    }

    public static String fact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new IllegalStateException("stack.env has no " + key + ": " + facts.keySet());
        }
        return value;
    }

    static synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            layOut();
            ProcessBuilder builder = new ProcessBuilder("bash", "hub", "up").directory(HOME.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment());
            for (String port : List.of("SIAM_ADAPTERS_PORT", "SIAM_INCIDENTS_PORT", "SIAM_CHANGES_PORT", "SIAM_SLA_PORT")) {
                builder.environment().put(port, "0");
            }
            process = builder.start();
            Thread reader = new Thread(FreshHub::read, "fresh-hub-output");
            reader.setDaemon(true);
            reader.start();
            Instant deadline = Instant.now().plus(START);
            while (output().stream().noneMatch(line -> line.startsWith("Ctrl-C stops everything."))) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("./hub up did not come up:\n" + String.join("\n", output()));
                }
                Thread.sleep(200);
            }
            facts = readFacts(HOME.resolve("target/hub/stack.env"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The clone-like folder: the repository's script and sources linked in, a run folder of its own. */
    private static void layOut() throws IOException {
        if (Files.exists(HOME)) {
            try (Stream<Path> paths = Files.walk(HOME)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(HOME.resolve("target"));
        for (String entry : List.of("hub", "services", "deploy", "README.md")) {
            Files.createSymbolicLink(HOME.resolve(entry), Hub.ROOT.resolve(entry));
        }
    }

    private static void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                OUTPUT.add(line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static Map<String, String> readFacts(Path file) throws IOException {
        Map<String, String> read = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                read.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return read;
    }

    private static synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            Files.write(Hub.ROOT.resolve("e2e/target/fresh-hub-up.log"), output());
        } catch (IOException e) {
            // the log is a courtesy
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the stack when the test JVM's root context closes. */
    private static final class Stop implements AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }
}
