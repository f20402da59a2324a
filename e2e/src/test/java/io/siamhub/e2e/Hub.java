package io.siamhub.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.HubStack;

/**
 * The running hub, started once for the whole suite exactly as {@code ./hub up} starts it (broker child
 * JVM, PostgreSQL, every service from its built jar, every port free and on loopback), and stopped when
 * the suite's JVM is done. Test classes use it with {@code @ExtendWith(Hub.class)}.
 */
public final class Hub implements BeforeAllCallback {

    /** The repository root (set by failsafe; the suite runs from {@code e2e/}). */
    public static final Path ROOT = Path.of(System.getProperty("siam.hub.root", "..")).toAbsolutePath().normalize();

    /** What the suite changes from the defaults: short quiet periods, so resolution is seen within a test; short outbound attempts. */
    static final Map<HubService, Map<String, String>> OVERRIDES = Map.of(
            // a loopback receiver answers at once; a shorter attempt makes a killed sender's lease (timeout + 30 s) run
            // out sooner
            HubService.PROVIDER_ADAPTERS, Map.of("siam.adapters.outbound.timeout", "5s"),
            HubService.INCIDENT_BROKER, Map.of(
                    "siam.incident.resolve-quiet-period", "2s",
                    "siam.incident.auto-resolve-check-interval", "1s"));

    private static HubStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack();
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Hub.class, key -> new Stop(), Stop.class);
    }

    public static synchronized HubStack stack() {
        if (stack == null) {
            Map<String, String> settings = Map.of(
                    HubStack.RUN_DIR_VARIABLE, ROOT.resolve("e2e/target/hub").toString(),
                    HubService.PROVIDER_ADAPTERS.portVariable(), "0",
                    HubService.INCIDENT_BROKER.portVariable(), "0",
                    HubService.CHANGE_COORDINATOR.portVariable(), "0",
                    HubService.SLA_MONITOR.portVariable(), "0");
            stack = HubStack.start(ROOT, settings, OVERRIDES);
        }
        return stack;
    }

    /** Stops the hub when the suite's root context closes. */
    private static final class Stop implements AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }

    private static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    public static String url(HubService service) {
        return stack().service(service).url();
    }

    /** A bearer token of this run's dev key with every role. */
    public static String token() {
        return DevJwt.token(stack().jwtPrivateKey(), "e2e", List.of("siam-viewer", "siam-agent", "siam-change-manager", "siam-admin"),
                Duration.ofHours(2));
    }
}
