package io.siamhub.adapters;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the webhook edge and the normalizer ({@code siam.adapters.*}). Each provider's own
 * secrets and severity map live under {@code siam.adapters.<provider>.*} (see the service README).
 */
@ConfigMapping(prefix = "siam.adapters")
public interface AdaptersConfig {

    /**
     * What this instance does: {@code edge} (take webhooks, store them on {@code siam.inbound.v1}),
     * {@code normalizer} (map that topic to {@code siam.signals.v1}), or both (the default). See {@link AdapterRole}.
     */
    @WithDefault(AdapterRole.DEFAULT)
    String roles();

    /** Largest webhook body accepted; larger ones get 413. */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** How long the edge waits for Kafka to acknowledge a raw record before it answers 503. */
    @WithDefault("5s")
    Duration ackTimeout();

    /** The {@code Retry-After} the edge sends with a 503. */
    @WithDefault("5s")
    Duration retryAfter();

    /** The producer that stores raw webhooks on {@code siam.inbound.v1}. */
    Inbound inbound();

    /** The benchmark's baseline endpoints ({@code ./hub bench}); off everywhere else. */
    Bench bench();

    /** The index of dead-lettered webhooks behind {@code /api/dlq}. */
    Dlq dlq();

    interface Dlq {

        /** Dead letters still waiting for a replay are deleted from the index this long after they last failed. */
        @WithDefault("30d")
        Duration retention();

        /** Replayed dead letters are deleted from the index this long after their replay. */
        @WithDefault("7d")
        Duration replayedRetention();

        /** How often the index is swept for entries past their retention. */
        @WithDefault("1h")
        Duration sweepInterval();
    }

    interface Bench {

        /** Serves {@code POST /bench/emit} and {@code POST /bench/noop}. */
        @WithDefault("false")
        boolean enabled();

        /** Where {@code /bench/emit} writes (never {@code siam.inbound.v1}: nothing downstream should see it). */
        @WithDefault("siam.bench.v1")
        String topic();
    }

    interface Inbound {

        /** Producer linger: a few milliseconds trade latency for larger batches. */
        @WithDefault("5")
        int lingerMs();

        /** Producer compression (none, lz4, zstd, gzip, snappy). */
        @WithDefault("none")
        String compression();
    }
}
