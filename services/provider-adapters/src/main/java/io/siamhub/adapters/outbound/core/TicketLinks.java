package io.siamhub.adapters.outbound.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.kit.messaging.CloudEventHeaders;
import io.siamhub.model.EventTypes;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts a ticket the hub created in a sync target on its incident, the one cross-service contract of
 * the sync: a TICKET signal on {@code siam.signals.v1} (the same kind the target's own webhooks give,
 * keyed {@code <system>:<external id>}), labelled {@value #INCIDENT_LABEL} = the incident id. The
 * broker links an unlinked ticket to the incident the label names, as {@code POST /api/incidents/{id}/links}
 * would, so the ticket shows on the incident's {@code externalTickets}; the broker stays the only writer
 * of incidents. The signal id is derived from the target, ticket and incident, so a repeat is skipped.
 */
@ApplicationScoped
public class TicketLinks {

    /** The signal label naming the incident a ticket belongs to (the broker links the ticket to it). */
    public static final String INCIDENT_LABEL = "siamIncident";
    /** The signal label carrying the key people use ({@code INC0010042}), as the inbound adapters set it. */
    public static final String KEY_LABEL = "ticketKey";
    static final String SOURCE = "/siam-hub/provider-adapters/outbound";

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final Clock clock;

    TicketLinks(@Channel("sync-signals") MutinyEmitter<String> emitter, ObjectMapper mapper, Clock clock) {
        this.emitter = emitter;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * Publishes the link; completes when Kafka acknowledged it.
     *
     * @param providerStatus the ticket's state in the target, verbatim ({@code 1}, {@code To Do})
     * @param status         that state as a signal status
     */
    public Uni<Void> link(SyncTickets.Ticket ticket, String title, String providerStatus, SignalStatus status) {
        return publish("sync-link:" + ticket.target() + ":" + ticket.externalId() + ":" + ticket.incidentId(), ticket, title,
                providerStatus, status);
    }

    /**
     * Tells the broker the state the hub just wrote to a linked ticket (the same TICKET signal as {@link #link}), so
     * the incident's {@code externalTickets} and {@code providerResolved} follow the ticket: the target's own webhook of
     * that write is an echo the inbound side drops. {@code version} is the incident version whose event caused the
     * write (one signal per write; a repeat is skipped).
     */
    public Uni<Void> state(SyncTickets.Ticket ticket, long version, String title, String providerStatus, SignalStatus status) {
        return publish("sync-state:" + ticket.target() + ":" + ticket.externalId() + ":" + ticket.incidentId() + ":" + version, ticket,
                title, providerStatus, status);
    }

    private Uni<Void> publish(String name, SyncTickets.Ticket ticket, String title, String providerStatus, SignalStatus status) {
        Instant now = clock.instant();
        String id = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KEY_LABEL, ticket.key());
        labels.put(INCIDENT_LABEL, ticket.incidentId());
        Signal signal = Signal.builder().id(id).kind(SignalKind.TICKET).provider(ticket.target()).providerRef(ticket.externalId())
                .fingerprint(ticket.target() + ":" + ticket.externalId()).status(status).providerStatus(providerStatus)
                .severity(Severity.INFO).title(title).labels(labels).link(ticket.url()).occurredAt(now).receivedAt(now).build();
        Headers headers = CloudEventHeaders.of(signal.id(), SOURCE, EventTypes.signal(SignalKind.TICKET), signal.key(), now,
                "application/json");
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String> builder().withKey(signal.key())
                .withHeaders(headers).build();
        try {
            return emitter.sendMessage(Message.of(mapper.writeValueAsString(signal)).addMetadata(metadata));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }
}
