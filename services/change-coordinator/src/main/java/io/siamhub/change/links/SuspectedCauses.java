package io.siamhub.change.links;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.panache.common.Parameters;
import io.siamhub.change.ChangeConfig;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.lifecycle.ChangeWriter;
import io.siamhub.change.lifecycle.Step;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.change.persistence.ChangeNumbers;
import io.siamhub.model.Actor;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.IncidentRelation;
import io.siamhub.model.incident.Incident;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Links a newly opened incident as a SUSPECTED_CAUSE on every change {@link SuspectRule} finds (the incident broker
 * links it back when it reads the change from {@code siam.changes.v1}), with an {@code incident-linked} event each.
 * Runs in the caller's transaction (the consumed-event log's).
 */
@ApplicationScoped
public class SuspectedCauses {

    private static final Actor RULE = Actor.system("suspected-cause");

    private final ChangeConfig config;
    private final CatalogCopy catalog;
    private final ChangeWriter writer;

    SuspectedCauses(ChangeConfig config, CatalogCopy catalog, ChangeWriter writer) {
        this.config = config;
        this.catalog = catalog;
        this.writer = writer;
    }

    public Uni<List<ChangeRequest>> link(Incident incident) {
        if (incident.createdAt() == null || incident.configurationItem() == null && incident.service() == null) {
            return Uni.createFrom().item(List.of());
        }
        // running now, or ended (and so last written) no earlier than the suspect window before the incident
        return ChangeNumbers.lockCalendar()
                .chain(() -> ChangeEntity.<ChangeEntity> find("status = 'IN_PROGRESS' or (status in :finished and updatedAt >= :since)",
                        Parameters.with("finished", List.of("COMPLETED", "FAILED", "BACKED_OUT"))
                                .and("since", incident.createdAt().minus(config.suspectWindow())))
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .chain(rows -> {
                    List<ChangeRequest> changes = rows.stream().map(ChangeEntity::toModel).toList();
                    List<SuspectRule.Suspect> suspects = SuspectRule.suspects(incident, changes, catalog.current(), config.dependencyDepth(),
                            config.suspectWindow());
                    List<Uni<ChangeRequest>> writes = new ArrayList<>();
                    for (int i = 0; i < suspects.size(); i++) {
                        SuspectRule.Suspect suspect = suspects.get(i);
                        int rank = i + 1;
                        ChangeEntity row = rows.stream().filter(candidate -> candidate.id.toString().equals(suspect.change().id()))
                                .findFirst().orElseThrow();
                        ChangeRequest change = row.toModel();
                        if (change.relatedIncidents().stream().anyMatch(link -> link.incidentId().equals(incident.id()))) {
                            continue;
                        }
                        List<IncidentLink> links = new ArrayList<>(change.relatedIncidents());
                        links.add(new IncidentLink(incident.id(), incident.number(), IncidentRelation.SUSPECTED_CAUSE, suspect.reason(), rank,
                                incident.createdAt()));
                        writes.add(Uni.createFrom().deferred(() -> writer.applyInTransaction(row, change,
                                Step.of(change.toBuilder().relatedIncidents(links).build(), ChangeEventKind.INCIDENT_LINKED, RULE,
                                        "incident linked as suspected cause", suspect.reason()))));
                    }
                    return Multi.createFrom().iterable(writes).onItem().transformToUniAndConcatenate(write -> write).collect().asList();
                });
    }
}
