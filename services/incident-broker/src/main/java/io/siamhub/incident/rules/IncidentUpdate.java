package io.siamhub.incident.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.siamhub.model.Actor;
import io.siamhub.model.FieldChange;
import io.siamhub.model.incident.IncidentEventKind;

/**
 * Everything one transaction does to one incident: the timeline lines it adds and the one event it
 * publishes (the strongest kind, the fields that changed from first to last value, and the actor and
 * reason of the step that set the kind). Every change to an incident goes through {@link #step}; the
 * signal rules' decisions are replayed into one with {@link #replay}.
 */
public final class IncidentUpdate {

    private final IncidentState incident;
    private final boolean opened;
    private final Map<String, String> before;
    private final long signalsBefore;
    private final List<String> fingerprintsBefore;
    private final List<TimelineLine> lines = new ArrayList<>();
    private IncidentEventKind kind = IncidentEventKind.UPDATED;
    private Actor actor;
    private String reason;
    private String comment;

    private IncidentUpdate(IncidentState before, IncidentState incident, boolean opened) {
        this.incident = incident;
        this.opened = opened;
        this.before = opened ? Map.of() : fields(before);
        this.signalsBefore = opened ? 0 : before.signalCount;
        this.fingerprintsBefore = opened ? List.of() : before.fingerprints;
        if (opened) {
            kind = IncidentEventKind.OPENED;
        }
    }

    /** Starts the update of an existing incident (locked by the caller); {@link #step} changes {@code incident} in place. */
    public static IncidentUpdate of(IncidentState incident) {
        return new IncidentUpdate(incident, incident, false);
    }

    /** Starts the update of an incident this transaction creates. */
    public static IncidentUpdate opened(IncidentState incident, TimelineNote note, Instant at) {
        IncidentUpdate update = new IncidentUpdate(null, incident, true);
        update.record(new TimelineLine(incident.id, at, note.actor(), note.what(), note.why(), IncidentEventKind.OPENED, List.of(), false));
        return update;
    }

    /**
     * The update that decided lines add up to.
     *
     * @param before the incident as loaded, or null when the lines open it
     * @param after  the incident after the last line
     */
    public static IncidentUpdate replay(IncidentState before, IncidentState after, List<TimelineLine> lines) {
        IncidentUpdate update = new IncidentUpdate(before, after, before == null);
        lines.forEach(update::record);
        return update;
    }

    public IncidentState incident() {
        return incident;
    }

    public boolean isOpened() {
        return opened;
    }

    /**
     * Applies {@code change} and writes a timeline line naming who, what, why and the fields it changed.
     *
     * @param note what the line says and the event kind it implies (UPDATED for most)
     */
    public IncidentUpdate step(Instant at, TimelineNote note, Runnable change) {
        Map<String, String> from = fields(incident);
        change.run();
        Map<String, String> to = fields(incident);
        List<FieldChange> changed = new ArrayList<>();
        to.forEach((field, value) -> {
            if (!Objects.equals(from.get(field), value)) {
                changed.add(new FieldChange(field, from.get(field), value));
            }
        });
        return record(new TimelineLine(incident.id, at, note.actor(), note.what(), note.why(), note.kind(), changed, false));
    }

    /** A line without a change of its own. */
    public IncidentUpdate step(Instant at, TimelineNote note) {
        return step(at, note, () -> {
        });
    }

    /** A change too small for the timeline (a repeat of a known signal); it still makes an event. */
    public IncidentUpdate quietly(Instant at, TimelineNote note, Runnable change) {
        change.run();
        return record(new TimelineLine(incident.id, at, note.actor(), note.what(), note.why(), IncidentEventKind.UPDATED, List.of(), true));
    }

    /** Notes a line already applied to the incident. */
    private IncidentUpdate record(TimelineLine line) {
        lines.add(line);
        if (line.quiet()) {
            if (actor == null) {
                actor = line.actor();
                reason = line.why();
            }
        } else if (actor == null || rank(line.kind()) >= rank(kind)) {
            if (rank(line.kind()) >= rank(kind)) {
                kind = line.kind();
            }
            actor = line.actor();
            reason = line.why();
        }
        return this;
    }

    /** Notes that a person's comment is part of this change: its text goes on the event ({@code IncidentEvent.comment}). */
    public IncidentUpdate commented(String text) {
        this.comment = text;
        return this;
    }

    /** The text of the comment a person added in this change, or null. */
    public String comment() {
        return comment;
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

    /** Every line, quiet ones included, in order. */
    public List<TimelineLine> lines() {
        return lines;
    }

    /** The lines for the timeline (quiet ones left out). */
    public List<TimelineLine> timeline() {
        return lines.stream().filter(line -> !line.quiet()).toList();
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
    private static Map<String, String> fields(IncidentState incident) {
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
}
