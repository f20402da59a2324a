package io.siamhub.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.siamhub.localstack.DevJwt;
import io.siamhub.localstack.HubService;
import io.siamhub.localstack.ServiceNowDouble;
import io.siamhub.localstack.HubStack;

/**
 * The running hub, started once for the whole suite exactly as {@code ./hub up} starts it (broker child
 * JVM, PostgreSQL, every service from its built jar, every port free and on loopback), and stopped when
 * the suite's JVM is done. Test classes use it with {@code @ExtendWith(Hub.class)}.
 */
public final class Hub implements BeforeAllCallback {

    /** The repository root (set by failsafe; the suite runs from {@code e2e/}). */
    public static final Path ROOT = Path.of(System.getProperty("siam.hub.root", "..")).toAbsolutePath().normalize();

    /** The ServiceNow sync's integration user on the suite's loopback instance ({@link #serviceNow()}). */
    static final String SNOW_USER = "siam.e2e";
    static final String SNOW_PASSWORD = "e2e-snow-password";
    /** The owner whose incidents the suite's ServiceNow sync takes (and no other: its priorities are {@code none}). */
    static final String SNOW_OWNER = "snow-e2e-desk";

    private static ServiceNowDouble serviceNow;

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
            stack = HubStack.start(ROOT, settings, overrides(serviceNow()));
            serviceNow.webhook(url(HubService.PROVIDER_ADAPTERS) + "/webhooks/servicenow", stack.webhookSecrets().hmacSecret());
        }
        return stack;
    }

    /**
     * What the suite changes from the defaults: short quiet periods, so resolution is seen within a test;
     * the ServiceNow sync pointed at a loopback instance, for the incidents of {@link #SNOW_OWNER} only,
     * with the ticket system owning the lifecycle (its resolution resolves the incident); outbound attempts of 5 s.
     */
    static Map<HubService, Map<String, String>> overrides(ServiceNowDouble instance) {
        return Map.of(
                HubService.INCIDENT_BROKER, Map.of(
                        "siam.incident.resolve-quiet-period", "2s",
                        "siam.incident.auto-resolve-check-interval", "1s",
                        "siam.incident.tickets.ownership.status", "PROVIDER"),
                HubService.PROVIDER_ADAPTERS, Map.of(
                        // a loopback receiver answers at once; a shorter attempt makes a killed sender's lease (timeout + 30 s)
                        // run out sooner (ScaleOutIT)
                        "siam.adapters.outbound.timeout", "5s",
                        "siam.adapters.outbound.servicenow.url", instance.url(),
                        "siam.adapters.outbound.servicenow.username", SNOW_USER,
                        "siam.adapters.outbound.servicenow.password", SNOW_PASSWORD,
                        "siam.adapters.outbound.servicenow.sync-priorities", "none",
                        "siam.adapters.outbound.servicenow.sync-owners", SNOW_OWNER));
    }

    /** The suite's loopback ServiceNow instance (its business rule posts to the hub's {@code /webhooks/servicenow}). */
    public static synchronized ServiceNowDouble serviceNow() {
        if (serviceNow == null) {
            try {
                serviceNow = ServiceNowDouble.start(SNOW_USER, SNOW_PASSWORD);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return serviceNow;
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
        if (serviceNow != null) {
            serviceNow.close();
            serviceNow = null;
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
