package io.siamhub.adapters.outbound.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code siam.adapters.outbound.*}: where outbound deliveries may go and how they are retried. */
@ConfigMapping(prefix = "siam.adapters.outbound")
public interface OutboundConfig {

    /**
     * Allow subscriptions to loopback addresses, over http as well as https. Off in production (a
     * subscription must not reach the hub's own host); on in tests and {@code ./hub up}.
     */
    @WithDefault("false")
    boolean allowInsecureLoopback();

    /**
     * Networks (CIDR, e.g. {@code 10.20.0.0/16}) a subscription may reach although they are private,
     * link-local or otherwise internal; none by default.
     */
    Optional<List<String>> allowedNetworks();

    /** Retries of a failed delivery. */
    Retry retry();

    /** The dispatcher that sends pending deliveries. */
    Dispatch dispatch();

    /** How long one HTTP attempt may take (connect, send, answer) before it counts as a timeout. */
    @WithDefault("10s")
    Duration timeout();

    /** How much of a receiver's answer is kept (for the deliveries listing); the rest is discarded. */
    @WithDefault("1024")
    int maxResponseBytes();

    interface Retry {
        /** The first retry's delay; each further one doubles it, up to {@code max-delay}. */
        @WithDefault("5s")
        Duration firstDelay();

        /** The longest delay between two attempts. */
        @WithDefault("1h")
        Duration maxDelay();

        /** Each delay is spread by up to this fraction either way (0.2: ±20 %), so receivers are not hit in step. */
        @WithDefault("0.2")
        double jitter();

        /** How long a delivery is retried, from its first attempt (or its replay), before it is dead-lettered. */
        @WithDefault("24h")
        Duration maxPeriod();
    }

    interface Dispatch {
        /** How often the dispatcher looks for due deliveries (it also wakes when new ones arrive). */
        @WithDefault("500ms")
        Duration interval();

        /** Deliveries in flight at once, over all subscriptions. */
        @WithDefault("64")
        int maxInFlight();

        /** Deliveries in flight at once for one subscription (each to a different ordering key). */
        @WithDefault("4")
        int maxInFlightPerSubscription();
    }
}
