package io.siamhub.sla.engine;

import java.time.Instant;
import java.util.Objects;

import io.siamhub.model.Priority;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;

/**
 * One observed state of an incident: what an event on {@code siam.incidents.v1} said the incident was after a
 * change, reduced to what SLA clocks depend on. An incident's observations, in version order, are its history:
 * every clock can be rebuilt from it alone.
 *
 * @param version        the incident's version after the change (monotonic per incident)
 * @param ceId           the CloudEvent id of the event (the cause shown on a clock's timeline)
 * @param kind           what happened (opened, acknowledged, ...)
 * @param at             when it happened (the event's {@code occurredAt}, UTC)
 * @param why            who and why, in words (actor and reason of the event)
 */
public record IncidentObservation(long version, String ceId, IncidentEventKind kind, Instant at, String number,
        IncidentStatus status, Priority priority, String service, String configurationItem, String owner, boolean maintenance,
        Instant createdAt, Instant acknowledgedAt, Instant resolvedAt, Instant closedAt, String why) {

    /** The observation an incident event makes. */
    public static IncidentObservation of(String ceId, IncidentEvent event) {
        Incident incident = event.incident();
        Instant at = micros(event.occurredAt() != null ? event.occurredAt() : incident.createdAt());
        String actor = event.actor() == null ? null : event.actor().type().name().toLowerCase(java.util.Locale.ROOT) + " " + event.actor().id();
        String why = actor == null ? event.reason() : event.reason() == null || event.reason().isBlank() ? actor : actor + ": " + event.reason();
        return new IncidentObservation(incident.version(), ceId, event.kind(), at, incident.number(), incident.status(),
                incident.priority(), incident.service(), incident.configurationItem(), incident.owner(), incident.maintenance(),
                micros(incident.createdAt()), micros(incident.acknowledgedAt()), micros(incident.resolvedAt()), micros(incident.closedAt()),
                why);
    }

    /** PostgreSQL keeps microseconds: the history is read back exactly as the engine first saw it. */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** True when the incident has been acknowledged (or worked on, which implies it). */
    public boolean acknowledged() {
        return acknowledgedAt != null || status == IncidentStatus.ACKNOWLEDGED || status == IncidentStatus.IN_PROGRESS
                || status == IncidentStatus.ON_HOLD;
    }

    /** True when nothing a clock depends on differs from {@code other} (such an observation adds nothing to the history). */
    public boolean sameForClocks(IncidentObservation other) {
        return other != null && status == other.status && priority == other.priority && maintenance == other.maintenance
                && Objects.equals(service, other.service) && Objects.equals(configurationItem, other.configurationItem)
                && Objects.equals(owner, other.owner) && Objects.equals(acknowledgedAt, other.acknowledgedAt)
                && Objects.equals(resolvedAt, other.resolvedAt) && Objects.equals(closedAt, other.closedAt)
                && Objects.equals(createdAt, other.createdAt);
    }
}
