package io.siamhub.adapters.dlq;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A raw webhook the normalizer could not map: what failed, and everything needed to replay it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    public enum Status {
        /** Waiting for a fix and a replay. */
        PENDING,
        /** Replayed through a later mapping; its signals are published. */
        REPLAYED
    }

    @Id
    public UUID id;

    /** The raw record's CloudEvent id: one entry per raw webhook, however often it failed. */
    @Column(name = "inbound_ce_id", nullable = false, unique = true)
    public String inboundCeId;

    @Column(nullable = false)
    public String provider;

    @Column(nullable = false)
    public String endpoint;

    /** Short reason label ({@code missing_field}, {@code unsupported}, ...). */
    @Column(nullable = false)
    public String cause;

    /** What the mapping said. */
    @Column(nullable = false)
    public String reason;

    @Column(name = "adapter_version")
    public String adapterVersion;

    /** The mapping version ({@code NormalizerVersion}) that last failed it; 1 for letters older than the record of it. */
    @Column(name = "normalizer_version", nullable = false)
    public int normalizerVersion;

    @Column(name = "inbound_partition", nullable = false)
    public int inboundPartition;

    @Column(name = "inbound_offset", nullable = false)
    public long inboundOffset;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "failed_at", nullable = false)
    public Instant failedAt;

    @Column(nullable = false)
    public int failures;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "replayed_at")
    public Instant replayedAt;

    @Column(name = "replayed_signals")
    public Integer replayedSignals;

    /** The raw record's Kafka headers as JSON ({@code [[name, value], ...]}). */
    @Column(nullable = false)
    public String headers;

    @Column(nullable = false)
    public byte[] body;
}
