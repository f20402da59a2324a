package io.siamhub.adapters.outbound.servicenow;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.siamhub.adapters.outbound.core.SyncTarget;
import io.siamhub.model.signal.SignalStatus;

/**
 * An incident's fields as a ServiceNow incident record wants them, through the configured maps
 * ({@link ServiceNowSyncConfig}): the synced fields ({@code state}, {@code impact}, {@code urgency},
 * {@code priority}, {@code assignment_group}), compared with what the hub last wrote so an update sends
 * only what changed, and the fields only a create sends ({@code short_description}, {@code description},
 * {@code correlation_id}, {@code correlation_display}, the configured {@code create-fields}). A resolution
 * carries {@code close_code} and {@code close_notes}, and On Hold ({@code 3}) carries {@code hold_reason}, which the
 * instance's data policies ask for.
 */
public final class ServiceNowFields {

    /** The fields the hub keeps in step (and compares with what it last wrote). */
    public static final String STATE = "state";
    static final String[] SYNCED = {STATE, "impact", "urgency", "priority", "assignment_group"};

    /** The instance defaults' resolved ({@code 6}) and closed ({@code 7}) states. */
    private static final Map<String, SignalStatus> DEFAULT_STATES = Map.of("1", SignalStatus.OPEN, "2", SignalStatus.IN_PROGRESS, "3",
            SignalStatus.ON_HOLD, "6", SignalStatus.RESOLVED, "7", SignalStatus.CLOSED, "8", SignalStatus.CANCELLED);

    private final ServiceNowSyncConfig config;

    public ServiceNowFields(ServiceNowSyncConfig config) {
        this.config = config;
    }

    /**
     * The synced fields for this incident ({@code IncidentEvent.incident} JSON), in a stable order; a
     * field whose hub value has no mapping is left out (the ticket keeps its own value).
     */
    public Map<String, String> synced(JsonNode incident) {
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, STATE, config.states(), incident.path("status").asText(""));
        put(fields, "impact", config.levels(), incident.path("impact").asText(""));
        put(fields, "urgency", config.levels(), incident.path("urgency").asText(""));
        put(fields, "priority", config.priorities(), incident.path("priority").asText(""));
        put(fields, "assignment_group", config.assignmentGroups(), incident.path("owner").asText(""));
        return fields;
    }

    /** The body of a create: the synced fields, the description, the correlation and the configured extras. */
    public Map<String, String> create(JsonNode incident, Map<String, String> synced) {
        Map<String, String> fields = new LinkedHashMap<>(config.createFields());
        String number = incident.path("number").asText("");
        fields.put("short_description", incident.path("title").asText(number));
        fields.put("description", description(incident));
        fields.put("correlation_id", incident.path("id").asText());
        fields.put("correlation_display", config.correlationDisplay());
        fields.putAll(synced);
        fields.putAll(resolution(incident, synced));
        fields.putAll(hold(synced));
        fields.put("work_notes", "Opened by siam-hub for incident " + number + " (" + incident.path("id").asText() + ")");
        return fields;
    }

    /**
     * The body of an update: the changed synced fields, a resolution's close fields, a work note saying why; a person's
     * comment in the hub ({@link SyncTarget#comment}) as a journal entry of {@code comment-field} ({@code work_notes} or
     * {@code comments}) naming who wrote it. An On Hold state carries {@code hold_reason}, which the instance's data
     * policy asks for.
     */
    public Map<String, String> update(JsonNode event, Map<String, String> changed) {
        JsonNode incident = event.path("incident");
        Map<String, String> fields = new LinkedHashMap<>(changed);
        if (changed.containsKey(STATE)) {
            fields.putAll(resolution(incident, changed));
            fields.putAll(hold(changed));
        }
        if (!changed.isEmpty()) {
            fields.put("work_notes", SyncTarget.note(event));
        }
        String comment = SyncTarget.comment(event);
        if (comment != null) {
            fields.merge(config.commentField(), SyncTarget.commentedBy(event) + "\n" + comment, (note, text) -> note + "\n\n" + text);
        }
        return fields;
    }

    /** {@code hold_reason} when the state is the configured On Hold one ({@code states.ON_HOLD}, default 3). */
    private Map<String, String> hold(Map<String, String> synced) {
        String onHold = config.states().get("ON_HOLD");
        String state = synced.get(STATE);
        return onHold != null && onHold.equals(state) && !config.holdReason().isBlank() ? Map.of("hold_reason", config.holdReason())
                : Map.of();
    }

    /** The signal status of a state code: the instance defaults (1 New .. 8 Canceled), else IN_PROGRESS. */
    public static SignalStatus status(String state) {
        return DEFAULT_STATES.getOrDefault(state, SignalStatus.IN_PROGRESS);
    }

    private Map<String, String> resolution(JsonNode incident, Map<String, String> synced) {
        String resolved = config.states().get("RESOLVED");
        String closed = config.states().get("CLOSED");
        String state = synced.get(STATE);
        if (state == null || !(state.equals(resolved) || state.equals(closed))) {
            return Map.of();
        }
        return Map.of("close_code", config.closeCode(), "close_notes",
                "Resolved in siam-hub (incident " + incident.path("number").asText("") + ")");
    }

    private static String description(JsonNode incident) {
        String description = incident.path("description").asText("");
        return (description.isEmpty() ? "" : description + "\n\n") + SyncTarget.facts(incident);
    }

    private static void put(Map<String, String> fields, String field, Map<String, String> map, String hubValue) {
        String value = map.get(hubValue);
        if (value != null && !value.isBlank()) {
            fields.put(field, value);
        }
    }
}
