package io.siamhub.kit.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One outgoing event, written in the same transaction as the state change it describes and
 * published afterwards by the {@link OutboxRelay}. Its id is the event's {@code ce_id}.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The Kafka key: the id of the aggregate that changed; events of one aggregate stay in order. */
    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(nullable = false)
    public String topic;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "ce_subject")
    public String ceSubject;

    /** The event data as JSON text; null publishes a tombstone (a deletion on a compacted topic). */
    public String payload;

    @Column(nullable = false)
    public Instant created;

    /** When the broker acknowledged it; null while unsent. */
    public Instant sent;
}
