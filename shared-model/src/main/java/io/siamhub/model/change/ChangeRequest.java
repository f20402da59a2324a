package io.siamhub.model.change;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.TimeWindow;

/**
 * A change on the integrated calendar: an RFC raised in the hub, or a provider's maintenance.
 *
 * @param id                 change id (UUID)
 * @param number             human-facing number, {@code CHG0000001} style
 * @param title              one line
 * @param description        longer text
 * @param type               STANDARD, NORMAL or EMERGENCY
 * @param origin             RFC or PROVIDER_MAINTENANCE
 * @param provider           the provider that carries it out, if any
 * @param providerRef        the provider's own id of a maintenance event
 * @param status             lifecycle status
 * @param risk               assessed risk
 * @param window             when it runs
 * @param services           ids of the services it touches
 * @param configurationItems ids of the configuration items it touches
 * @param conflicts          clashes found on the calendar
 * @param relatedIncidents   ids of incidents linked to it
 * @param approvals          approvers' decisions
 * @param requestedBy        who raised it
 * @param createdAt          when it was raised
 * @param updatedAt          when it last changed
 * @param version            monotonic per change
 */
public record ChangeRequest(
        String id,
        String number,
        String title,
        String description,
        ChangeType type,
        ChangeOrigin origin,
        String provider,
        String providerRef,
        ChangeStatus status,
        Risk risk,
        TimeWindow window,
        List<String> services,
        List<String> configurationItems,
        List<Conflict> conflicts,
        List<String> relatedIncidents,
        List<Approval> approvals,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public ChangeRequest {
        services = services == null ? List.of() : List.copyOf(services);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        relatedIncidents = relatedIncidents == null ? List.of() : List.copyOf(relatedIncidents);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }
}
