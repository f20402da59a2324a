package io.siamhub.model.incident;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;

/**
 * An integrated incident: one record across every provider's alerts and tickets. This is the
 * normalized ticket that service desks consume.
 *
 * @param id                incident id (UUID)
 * @param number            human-facing number, {@code INC0000001} style
 * @param title             one line
 * @param description       more detail, from the first signal or the person who opened it
 * @param status            lifecycle status
 * @param impact            from the CI's or service's criticality, or a person's override
 * @param urgency           from the highest active severity, or a person's override
 * @param priority          impact × urgency through the priority matrix
 * @param service           the affected service's id, if known
 * @param configurationItem the affected CI's id, if known
 * @param owner             the provider or resolver group responsible
 * @param signals           the signals behind it
 * @param externalTickets   provider tickets linked to it
 * @param relatedChanges    ids of related changes
 * @param maintenance       true when opened inside an approved maintenance window
 * @param pagingHeld        true when policy holds it from paging (opened inside maintenance)
 * @param providerResolved  true when a linked provider ticket says the provider resolved it
 * @param unmapped          true when no catalog entry matched its first signal
 * @param createdAt         when it was opened
 * @param acknowledgedAt    when someone first acknowledged it
 * @param resolvedAt        when it was last resolved
 * @param closedAt          when it was closed
 * @param version           monotonic per incident; every change adds one
 */
public record Incident(
        String id,
        String number,
        String title,
        String description,
        IncidentStatus status,
        Impact impact,
        Urgency urgency,
        Priority priority,
        String service,
        String configurationItem,
        String owner,
        SignalSummary signals,
        List<ExternalTicket> externalTickets,
        List<String> relatedChanges,
        boolean maintenance,
        boolean pagingHeld,
        boolean providerResolved,
        boolean unmapped,
        Instant createdAt,
        Instant acknowledgedAt,
        Instant resolvedAt,
        Instant closedAt,
        long version) {

    public Incident {
        externalTickets = externalTickets == null ? List.of() : List.copyOf(externalTickets);
        relatedChanges = relatedChanges == null ? List.of() : List.copyOf(relatedChanges);
    }
}
