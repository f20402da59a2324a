package io.siamhub.kit;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the mechanisms every service shares ({@code siam.kit.*}). */
@ConfigMapping(prefix = "siam.kit")
public interface KitConfig {

    /** The service's own database schema: Flyway migrates it and every connection searches it first. */
    String schema();

    /**
     * Exit when the parent process goes away (stdin closes). The local stack sets it for the services
     * it starts, so a killed {@code ./hub up} or test JVM leaves no service behind.
     */
    @WithDefault("false")
    boolean exitWithParent();

    /** The outbox relay. */
    Outbox outbox();

    /** The consumed-event log. */
    ConsumedEvents consumedEvents();

    interface Outbox {

        /** Set to false to run without a relay, e.g. on an instance that must never publish. */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for unsent rows when no database notification woke it. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most rows the relay publishes in one database transaction. */
        @WithDefault("500")
        int batchSize();

        /**
         * How long the relay waits for a batch's sends to end before it rolls back and retries: longer
         * than the outbox producer's {@code delivery.timeout.ms} (30 s), so no send of a failed batch is
         * still under way when the relay reads the log to see what got through.
         */
        @WithDefault("45s")
        Duration sendTimeout();

        /** How long published rows are kept (for inspection) before they are deleted. */
        @WithDefault("1h")
        Duration retention();

        /**
         * With several instances, one relays (the holder named in {@code outbox_relay}); another takes the
         * relay over only when the holder has not relayed (nor polled) for this long, wall time: it was
         * killed or stopped. Shorter moves publishing to a survivor sooner; too short for a busy machine
         * makes instances alternate, each takeover reading the tail of the topics.
         */
        @WithDefault("5s")
        Duration takeoverAfter();
    }

    interface ConsumedEvents {

        /** How long a consumed event id is remembered; a redelivery later than this is applied again. */
        @WithDefault("168h")
        Duration retention();
    }
}
