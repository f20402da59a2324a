package io.siamhub.sla.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.siamhub.model.Priority;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;

/** Builds an incident's history for engine tests: each step is one incident event, versions counted up. */
final class History {

    static final String INCIDENT = "6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21";
    static final Parties PARTIES = new Parties(Set.of("service-desk"));

    private final List<IncidentObservation> observations = new ArrayList<>();
    private IncidentObservation last;

    static History opened(String at, Priority priority, String owner) {
        History history = new History();
        Instant created = Instant.parse(at);
        history.add(new IncidentObservation(1, "ce-1", IncidentEventKind.OPENED, created, "INC0000001", IncidentStatus.NEW, priority,
                "payments", "payments-db", owner, false, created, null, null, null, "system correlation.new-incident"));
        return history;
    }

    History acknowledge(String at) {
        Instant when = Instant.parse(at);
        return next(IncidentEventKind.ACKNOWLEDGED, when, IncidentStatus.ACKNOWLEDGED, last.priority(), last.owner(), when, last.resolvedAt(),
                last.closedAt());
    }

    History start(String at) {
        return next(IncidentEventKind.UPDATED, Instant.parse(at), IncidentStatus.IN_PROGRESS, last.priority(), last.owner(),
                ack(at), last.resolvedAt(), last.closedAt());
    }

    History hold(String at) {
        return next(IncidentEventKind.UPDATED, Instant.parse(at), IncidentStatus.ON_HOLD, last.priority(), last.owner(), ack(at),
                last.resolvedAt(), last.closedAt());
    }

    History resume(String at) {
        return start(at);
    }

    History resolve(String at) {
        Instant when = Instant.parse(at);
        return next(IncidentEventKind.RESOLVED, when, IncidentStatus.RESOLVED, last.priority(), last.owner(), last.acknowledgedAt(), when,
                last.closedAt());
    }

    History reopen(String at) {
        return next(IncidentEventKind.REOPENED, Instant.parse(at),
                last.acknowledgedAt() == null ? IncidentStatus.NEW : IncidentStatus.IN_PROGRESS, last.priority(), last.owner(),
                last.acknowledgedAt(), last.resolvedAt(), last.closedAt());
    }

    History close(String at) {
        Instant when = Instant.parse(at);
        return next(IncidentEventKind.CLOSED, when, IncidentStatus.CLOSED, last.priority(), last.owner(), last.acknowledgedAt(),
                last.resolvedAt(), when);
    }

    History assign(String at, String owner) {
        return next(IncidentEventKind.UPDATED, Instant.parse(at), last.status(), last.priority(), owner, last.acknowledgedAt(),
                last.resolvedAt(), last.closedAt());
    }

    History priority(String at, Priority priority) {
        return next(IncidentEventKind.UPDATED, Instant.parse(at), last.status(), priority, last.owner(), last.acknowledgedAt(),
                last.resolvedAt(), last.closedAt());
    }

    List<IncidentObservation> observations() {
        return List.copyOf(observations);
    }

    /** The history as it was known up to (and including) {@code at}. */
    List<IncidentObservation> until(String at) {
        Instant limit = Instant.parse(at);
        return observations.stream().filter(observation -> !observation.at().isAfter(limit)).toList();
    }

    private Instant ack(String at) {
        return last.acknowledgedAt() != null ? last.acknowledgedAt() : Instant.parse(at);
    }

    private History next(IncidentEventKind kind, Instant at, IncidentStatus status, Priority priority, String owner, Instant acknowledgedAt,
            Instant resolvedAt, Instant closedAt) {
        long version = last.version() + 1;
        add(new IncidentObservation(version, "ce-" + version, kind, at, last.number(), status, priority, last.service(),
                last.configurationItem(), owner, last.maintenance(), last.createdAt(), acknowledgedAt, resolvedAt, closedAt,
                "user alice"));
        return this;
    }

    private void add(IncidentObservation observation) {
        observations.add(observation);
        last = observation;
    }
}
