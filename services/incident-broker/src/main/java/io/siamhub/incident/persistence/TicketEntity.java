package io.siamhub.incident.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.signal.SignalStatus;

/**
 * A provider's ticket (ServiceNow, Jira, PagerDuty, ...): linked to an incident, or known from its
 * signals and waiting for a person to link it. Its id is {@code <system>:<the provider's immutable id>}
 * (a signal's {@code providerRef}); its key is the one people use (the signal's {@code ticketKey} label,
 * else the same id), which changes when a Jira issue moves to another project.
 */
@Entity
@Table(name = "incident_ticket")
public class TicketEntity extends PanacheEntityBase {

    /** The signal label that carries the key people use, when the provider's id is another. */
    public static final String KEY_LABEL = TicketState.KEY_LABEL;

    /** {@code <system>:<providerRef>}, the Kafka key of its signals ({@code <system>:<key>} when a person linked it first). */
    @Id
    public String id;
    public String system;
    public String key;
    /** The keys it had before (a Jira issue's keys before it moved), oldest first. */
    @Column(name = "previous_keys")
    @Convert(converter = JsonListConverter.Strings.class)
    public List<String> previousKeys = List.of();
    public String url;
    /** The provider's status, verbatim. */
    @Column(name = "provider_status")
    public String providerStatus;
    @Enumerated(EnumType.STRING)
    public SignalStatus status;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static String id(String system, String key) {
        return TicketState.id(system, key);
    }

    /** The rules' view of this row (a copy). */
    public TicketState toState() {
        TicketState state = new TicketState();
        state.id = id;
        state.system = system;
        state.key = key;
        state.previousKeys = previousKeys;
        state.url = url;
        state.providerStatus = providerStatus;
        state.status = status;
        state.incidentId = incidentId;
        state.updatedAt = updatedAt;
        return state;
    }

    public ExternalTicket toModel() {
        return toState().toModel();
    }
}
