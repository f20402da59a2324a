package io.siamhub.incident.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.TimelineEntry;
import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;
import io.siamhub.model.incident.IncidentEventKind;

/**
 * Everything one transaction does to one incident: the timeline lines it adds and the one event it
 * publishes (the strongest kind, the fields that changed from first to last value, and the actor and
 * reason of the step that set the kind). Every change to an incident goes through {@link #step}.
 */
public final class IncidentUpdate {

    private final IncidentEntity incident;
    private final boolean opened;
    private final Map<String, String> before;
    private final long signalsBefore;
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<String> fingerprintsBefore;
    private IncidentEventKind kind = IncidentEventKind.UPDATED;
    private Actor actor;
    private String reason;

    private IncidentUpdate(IncidentEntity incident, boolean opened) {
        this.incident = incident;
        this.opened = opened;
        this.before = opened ? Map.of() : fields(incident);
        this.signalsBefore = opened ? 0 : incident.signalCount;
        this.fingerprintsBefore = opened ? List.of() : incident.fingerprints;
        if (opened) {
            kind = IncidentEventKind.OPENED;
        }
    }

    /** Starts the update of an existing incident (already locked by the caller). */
    public static IncidentUpdate of(IncidentEntity incident) {
        return new IncidentUpdate(incident, false);
    }

    /** Starts the update of an incident this transaction creates. */
    public static IncidentUpdate opened(IncidentEntity incident, Actor actor, String reason, Instant at) {
        IncidentUpdate update = new IncidentUpdate(incident, true);
        update.actor = actor;
        update.reason = reason;
        update.timeline.add(entry(incident, at, actor, "opened", reason, List.of()));
        return update;
    }

    public IncidentEntity incident() {
        return incident;
    }

    public boolean isOpened() {
        return opened;
    }

    /**
     * Applies {@code change} and writes a timeline line naming who, what, why and the fields it changed.
     *
     * @param kind the event kind this step implies (UPDATED for most)
     */
    public IncidentUpdate step(Instant at, Actor by, String what, String why, IncidentEventKind kind, Runnable change) {
        Map<String, String> from = fields(incident);
        change.run();
        Map<String, String> to = fields(incident);
        List<FieldChange> changed = new ArrayList<>();
        to.forEach((field, value) -> {
            if (!Objects.equals(from.get(field), value)) {
                changed.add(new FieldChange(field, from.get(field), value));
            }
        });
        timeline.add(entry(incident, at, by, what, why, changed));
        if (actor == null || rank(kind) >= rank(this.kind)) {
            if (rank(kind) >= rank(this.kind)) {
                this.kind = kind;
            }
            this.actor = by;
            this.reason = why;
        }
        return this;
    }

    /** A change too small for the timeline (a repeat of a known signal); it still makes an event. */
    public IncidentUpdate quietly(Actor by, String why, Runnable change) {
        change.run();
        if (actor == null) {
            actor = by;
            reason = why;
        }
        return this;
    }

    public IncidentEventKind kind() {
        return kind;
    }

    public Actor actor() {
        return actor;
    }

    public String reason() {
        return reason;
    }

    public List<TimelineEntry> timeline() {
        return timeline;
    }

    /** The fields that changed over the whole transaction, first value to last. */
    public List<FieldChange> changes() {
        List<FieldChange> changed = new ArrayList<>();
        fields(incident).forEach((field, value) -> {
            String old = before.get(field);
            if (!Objects.equals(old, value)) {
                changed.add(new FieldChange(field, old, value));
            }
        });
        if (incident.signalCount != signalsBefore) {
            changed.add(new FieldChange("signals.count", opened ? null : Long.toString(signalsBefore),
                    Long.toString(incident.signalCount)));
        }
        List<String> fingerprints = incident.fingerprints;
        if (!fingerprints.equals(fingerprintsBefore)) {
            changed.add(new FieldChange("signals.fingerprints", opened ? null : Integer.toString(fingerprintsBefore.size()),
                    Integer.toString(fingerprints.size())));
        }
        return changed;
    }

    /** The fields a person or a service desk cares to see change, as text. */
    private static Map<String, String> fields(IncidentEntity incident) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("title", incident.title);
        fields.put("status", text(incident.status));
        fields.put("impact", text(incident.impact));
        fields.put("urgency", text(incident.urgency));
        fields.put("priority", text(incident.priority));
        fields.put("service", incident.service);
        fields.put("configurationItem", incident.configurationItem);
        fields.put("owner", incident.owner);
        fields.put("maintenance", Boolean.toString(incident.maintenance));
        fields.put("pagingHeld", Boolean.toString(incident.pagingHeld));
        fields.put("providerResolved", Boolean.toString(incident.providerResolved));
        fields.put("autoResolveAt", text(incident.autoResolveAt));
        return fields;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Which kind names the event when one transaction does several things. */
    private static int rank(IncidentEventKind kind) {
        return switch (kind) {
            case UPDATED -> 0;
            case ACKNOWLEDGED -> 1;
            case RESOLVED, CLOSED -> 2;
            case REOPENED -> 3;
            case OPENED -> 4;
        };
    }

    private static TimelineEntry entry(IncidentEntity incident, Instant at, Actor by, String what, String why,
            List<FieldChange> changed) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.incidentId = incident.id;
        entry.at = at;
        entry.actorType = by.type();
        entry.actor = by.id();
        entry.what = what;
        entry.reason = why;
        entry.changes = List.copyOf(changed);
        return entry;
    }
}
