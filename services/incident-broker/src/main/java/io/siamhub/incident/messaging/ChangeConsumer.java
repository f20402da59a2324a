package io.siamhub.incident.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.MaintenanceWindowEntity;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.TimelineWording;
import io.siamhub.kit.consumed.ConsumedEventLog;
import io.siamhub.kit.messaging.IncomingEvent;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.IncidentLink;
import io.smallrye.mutiny.Uni;

/**
 * Reads {@code siam.changes.v1}: an approved change with a window is a maintenance window for its CIs
 * and services (new incidents there are marked); a change that is no longer approved, or is over, is
 * forgotten (ON_HOLD included). The incidents a change lists in {@code relatedIncidents} are linked to it. Links are only ever added from here: a
 * link a person made on the incident stays even when the change does not list it (yet).
 */
@ApplicationScoped
public class ChangeConsumer {

    static final String CONSUMER = "incident-broker.changes";
    private static final Set<ChangeStatus> APPROVED = EnumSet.of(ChangeStatus.APPROVED, ChangeStatus.SCHEDULED, ChangeStatus.IN_PROGRESS);

    private final ConsumedEventLog consumed;
    private final IncidentEvents events;
    private final ObjectMapper mapper;
    private final Clock clock;

    ChangeConsumer(ConsumedEventLog consumed, IncidentEvents events, ObjectMapper mapper, Clock clock) {
        this.clock = clock;
        this.consumed = consumed;
        this.events = events;
        this.mapper = mapper;
    }

    @Incoming("changes")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.of(record);
        ChangeEvent change = event.data(ChangeEvent.class, mapper);
        if (change.change() == null || change.change().id() == null) {
            throw new io.siamhub.kit.messaging.PermanentFailure("change event " + event.id() + " carries no change");
        }
        return consumed.applyOnce(CONSUMER, event, () -> window(change.change()).chain(() -> links(change.change())))
                .replaceWithVoid();
    }

    private Uni<Void> window(ChangeRequest change) {
        return MaintenanceWindowEntity.<MaintenanceWindowEntity> findById(change.id()).chain(existing -> {
            boolean approved = APPROVED.contains(change.status()) && change.window() != null && change.window().start() != null;
            if (!approved) {
                return existing == null ? Uni.createFrom().voidItem() : existing.delete();
            }
            MaintenanceWindowEntity window = existing != null ? existing : new MaintenanceWindowEntity();
            window.changeId = change.id();
            window.number = change.number();
            window.title = change.title();
            window.status = change.status().name();
            window.startsAt = change.window().start();
            window.endsAt = change.window().end();
            List<String> targets = new ArrayList<>();
            change.configurationItems().forEach(item -> targets.add("ci:" + item));
            change.services().forEach(service -> targets.add("service:" + service));
            window.targets = String.join(",", targets);
            return window.persist().replaceWithVoid();
        });
    }

    private Uni<Void> links(ChangeRequest change) {
        java.util.Map<UUID, IncidentLink> byIncident = new java.util.HashMap<>();
        for (IncidentLink link : change.relatedIncidents()) {
            UUID incidentId = uuid(link.incidentId());
            if (incidentId != null) {
                byIncident.putIfAbsent(incidentId, link);
            }
        }
        List<UUID> incidentIds = byIncident.keySet().stream().sorted().toList();
        if (incidentIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return IncidentChangeEntity.<IncidentChangeEntity> list("changeId = ?1 and incidentId in ?2", change.id(), incidentIds)
                .chain(linked -> {
                    Set<UUID> already = new java.util.HashSet<>();
                    linked.forEach(link -> already.add(link.incidentId));
                    List<UUID> missing = incidentIds.stream().filter(id -> !already.contains(id)).toList();
                    if (missing.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return IncidentEntity.<IncidentEntity> find("id in ?1 order by id", missing)
                            .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                            .chain(incidents -> {
                                List<IncidentUpdate> updates = new ArrayList<>();
                                List<IncidentChangeEntity> links = new ArrayList<>();
                                Map<UUID, IncidentEntity> rows = new HashMap<>();
                                for (IncidentEntity incident : incidents) {
                                    links.add(IncidentChangeEntity.of(incident.id, change.id()));
                                    rows.put(incident.id, incident);
                                    updates.add(IncidentUpdate.of(incident.toState()).step(clock.instant(),
                                            TimelineWording.listedByChange(change, byIncident.get(incident.id))));
                                }
                                return Panache.getSession().chain(session -> session.persistAll(links.toArray()))
                                        .chain(() -> events.publish(updates, rows)).replaceWithVoid();
                            });
                });
    }


    private static UUID uuid(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
