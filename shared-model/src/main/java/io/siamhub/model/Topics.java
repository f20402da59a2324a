package io.siamhub.model;

import java.util.List;

/** The Kafka topics of DESIGN.md. Every service names a topic through these constants. */
public final class Topics {

    /** Raw accepted webhooks, keyed by provider: the durable record behind every 202. */
    public static final String INBOUND = "siam.inbound.v1";
    /** Normalized signals, keyed by fingerprint (alerts) or {@code <provider>:<ref>}. */
    public static final String SIGNALS = "siam.signals.v1";
    /** Incident snapshots: the normalized ticket feed, keyed by incident id. */
    public static final String INCIDENTS = "siam.incidents.v1";
    /** Change snapshots, keyed by change id. */
    public static final String CHANGES = "siam.changes.v1";
    /** SLA clock events, keyed by incident id. */
    public static final String SLA = "siam.sla.v1";
    /** Catalog entities, keyed by {@code <entity>:<id>}; compacted. */
    public static final String CATALOG = "siam.catalog.v1";

    /** A topic and whether the broker compacts it (keeps the latest record per key). */
    public record Spec(String name, boolean compacted) {
    }

    /** Every topic of the design, in pipeline order. */
    public static final List<Spec> ALL = List.of(
            new Spec(INBOUND, false),
            new Spec(SIGNALS, false),
            new Spec(INCIDENTS, false),
            new Spec(CHANGES, false),
            new Spec(SLA, false),
            new Spec(CATALOG, true));

    /** The dead-letter topic of one consumer: {@code <topic>.<consumer>.dlq}. */
    public static String deadLetter(String topic, String consumer) {
        return topic + "." + consumer + ".dlq";
    }

    private Topics() {
    }
}
