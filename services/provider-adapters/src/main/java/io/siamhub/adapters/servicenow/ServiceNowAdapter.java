package io.siamhub.adapters.servicenow;

import static io.siamhub.adapters.core.JsonFields.text;
import static io.siamhub.adapters.servicenow.ServiceNowValues.display;
import static io.siamhub.adapters.servicenow.ServiceNowValues.value;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.MeterRegistry;
import io.siamhub.adapters.core.IgnoredEvent;
import io.siamhub.adapters.core.Labels;
import io.siamhub.adapters.core.MappingFailure;
import io.siamhub.adapters.core.ProviderAdapter;
import io.siamhub.adapters.core.RawWebhook;
import io.siamhub.adapters.core.SeverityMap;
import io.siamhub.adapters.core.SignedWebhookConfig;
import io.siamhub.adapters.core.TextParts;
import io.siamhub.adapters.core.TicketAssignments;
import io.siamhub.adapters.core.WebhookRequest;
import io.siamhub.model.Impact;
import io.siamhub.model.Urgency;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * ServiceNow incident records in the Table API shape (a bare record, {@code {"result": {..}}} or
 * {@code {"result": [..]}}), as a business rule or flow sends them: TICKET signals keyed
 * {@code servicenow:<sys_id>}, the record's immutable id; the number people use ({@code INC0010042})
 * is the label {@code ticketKey}. Fields may be raw values, display values or both
 * ({@link ServiceNowValues}): {@code 1 - Critical} and {@code 1}, {@code In Progress} and {@code 2} map
 * alike, and display dates are read in the configured display format and zone. A record that carries a new
 * {@code comments} or {@code work_notes} entry gives a NOTE for the same ticket after its TICKET signal
 * ({@link ServiceNowJournal}); a record last updated by siam-hub's integration user is the echo of its own write
 * and ignored whole (its work notes and comments included).
 */
@ApplicationScoped
public class ServiceNowAdapter implements ProviderAdapter {

    /** The label naming the siam-hub incident a ticket was made for (its {@code correlation_id}); the broker links it. */
    public static final String INCIDENT_LABEL = "siamIncident";


    private final ServiceNowConfig config;
    private final SeverityMap severities;
    private final Map<String, SignalStatus> states;
    private final ServiceNowValues values;
    private final Clock clock;
    private final Set<String> integrationUsers;
    private final Map<String, String> assignmentGroups;

    /** Also built directly by the pure mapping tests (without assignment maps). */
    public ServiceNowAdapter(ServiceNowConfig config, MeterRegistry registry, Clock clock) {
        this(config, Map.of(), registry, clock);
    }

    /** @param assignments the sync's assignment maps: which hub owner an {@code assignment_group} stands for */
    @jakarta.inject.Inject
    public ServiceNowAdapter(ServiceNowConfig config, TicketAssignments assignments, MeterRegistry registry, Clock clock) {
        this(config, assignments.servicenow().assignmentGroups(), registry, clock);
    }

    private ServiceNowAdapter(ServiceNowConfig config, Map<String, String> assignmentGroups, MeterRegistry registry, Clock clock) {
        this.config = config;
        this.assignmentGroups = Map.copyOf(assignmentGroups);
        this.severities = new SeverityMap(provider(), config, registry);
        Map<String, SignalStatus> byKey = new LinkedHashMap<>();
        config.states().forEach((key, status) -> byKey.put(key.toLowerCase(Locale.ROOT), status));
        this.states = byKey;
        this.values = new ServiceNowValues(config.displayDateFormat(), config.displayTimeZone());
        this.clock = clock;
        this.integrationUsers = config.integrationUsers().orElse(List.of()).stream().map(user -> user.strip().toLowerCase(Locale.ROOT))
                .filter(user -> !user.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public String provider() {
        return "servicenow";
    }

    @Override
    public List<String> endpoints() {
        return List.of("servicenow");
    }

    @Override
    public Uni<Void> authenticateBody(WebhookRequest request) {
        config.verify(request, provider(), clock);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Set<String> secretHeaders() {
        return Set.of(SignedWebhookConfig.SIGNATURE_HEADER);
    }

    @Override
    public List<Signal> normalize(RawWebhook webhook) {
        JsonNode body = webhook.json();
        JsonNode result = body.has("result") ? body.get("result") : body;
        List<JsonNode> records = new ArrayList<>();
        if (result.isArray()) {
            result.forEach(records::add);
        } else {
            records.add(result);
        }
        List<Signal> signals = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            Signal ticket = incident(record);
            signals.add(ticket);
            note(record, "comments", "comment added", ticket, signals);
            note(record, "work_notes", "work note added", ticket, signals);
        }
        return signals;
    }

    /**
     * A journal entry the record carries ({@code comments} or {@code work_notes}: the business rule sends the field
     * when it changed) as a NOTE for the record's ticket (the same providerRef, fingerprint and {@code ticketKey}),
     * after its TICKET signal: the entry's text as {@code description}, its author (the journal header's user, else
     * {@code sys_updated_by}) as {@code author}. An empty field (the Table API's read of a journal field) gives none.
     */
    private void note(JsonNode record, String field, String title, Signal ticket, List<Signal> signals) {
        ServiceNowJournal.Entry entry = ServiceNowJournal.newest(TextParts.firstNonBlank(value(record, field), display(record, field, null)));
        if (entry == null) {
            return;
        }
        Labels labels = new Labels();
        labels.add("ticketKey", ticket.labels().get("ticketKey"));
        labels.add("sysId", ticket.labels().get("sysId"));
        labels.add("journalField", field);
        signals.add(Signal.builder()
                .kind(SignalKind.NOTE)
                .providerRef(ticket.providerRef())
                .fingerprint(ticket.fingerprint())
                .title(title)
                .description(entry.text())
                .author(TextParts.firstNonBlank(entry.author(), value(record, "sys_updated_by")))
                .labels(labels)
                .occurredAt(ticket.occurredAt())
                .link(ticket.link())
                .build());
    }

    private Signal incident(JsonNode record) {
        String updatedBy = value(record, "sys_updated_by");
        if (updatedBy != null && integrationUsers.contains(updatedBy.strip().toLowerCase(Locale.ROOT))) {
            throw new IgnoredEvent(IgnoredEvent.Reason.ECHO, "incident " + value(record, "number") + " was last updated by "
                    + updatedBy + ", siam-hub's own integration user (siam.adapters.servicenow.integration-users): the echo of its own write");
        }
        String number = value(record, "number");
        String state = TextParts.firstNonBlank(value(record, "state"), value(record, "incident_state"));
        if (number == null || state == null) {
            throw MappingFailure.missing(number == null ? "number" : "state");
        }
        SignalStatus status = ServiceNowValues.choiceKeys(state).stream().map(key -> states.get(key.toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (status == null) {
            throw new MappingFailure("unsupported", "incident state " + state
                    + " is not in siam.adapters.servicenow.states; add it there");
        }
        String sysId = value(record, "sys_id");
        String ref = TextParts.firstNonBlank(sysId, number);
        String priority = value(record, "priority");
        boolean displayed = ServiceNowValues.displayed(state) || ServiceNowValues.displayed(priority);
        String base = instanceBase(record);
        Labels labels = new Labels();
        labels.add("ticketKey", number);
        labels.add("sysId", sysId);
        labels.add("state", state);
        labels.add("active", value(record, "active"));
        labels.add("category", value(record, "category"));
        labels.add("subcategory", value(record, "subcategory"));
        labels.add("assignmentGroup", value(record, "assignment_group"));
        labels.add("assignedTo", value(record, "assigned_to"));
        String group = value(record, "assignment_group");
        // the assignment as people see it (the group's name when the record carries display values), and the hub owner it stands for
        labels.add(TicketAssignments.ASSIGNMENT_LABEL, display(record, "assignment_group", group));
        labels.add(TicketAssignments.OWNER_LABEL, TicketAssignments.owner(assignmentGroups, group, display(record, "assignment_group", null)));
        labels.add("closeCode", value(record, "close_code"));
        labels.add("severity", value(record, "severity"));
        if (config.correlationDisplay().equalsIgnoreCase(TextParts.firstNonBlank(value(record, "correlation_display"), ""))) {
            // a ticket siam-hub's sync created: correlation_id is the incident's id, and the broker links the ticket to it
            labels.add(INCIDENT_LABEL, value(record, "correlation_id"));
        }
        String ci = value(record, "cmdb_ci");
        return Signal.builder()
                .kind(SignalKind.TICKET)
                .providerRef(ref)
                .fingerprint("servicenow:" + ref)
                .status(status)
                .providerStatus(display(record, "state", state))
                .severity(severities.of(ServiceNowValues.code(priority)))
                .providerSeverity(priority)
                .title(TextParts.firstNonBlank(value(record, "short_description"), number))
                .description(value(record, "description"))
                .resource(ci == null ? null : new Resource(ci, "cmdb_ci", display(record, "cmdb_ci", displayed ? ci : null), null,
                        base == null ? null : URI.create(base).getHost()))
                .service(display(record, "business_service", value(record, "business_service")))
                .labels(labels)
                .occurredAt(values.time(TextParts.firstNonBlank(value(record, "sys_updated_on"), value(record, "opened_at")),
                        displayed))
                .link(base == null || sysId == null ? null : base + "/nav_to.do?uri=incident.do?sys_id=" + sysId)
                .impact(level(value(record, "impact"), Impact.HIGH, Impact.MEDIUM, Impact.LOW))
                .urgency(level(value(record, "urgency"), Urgency.HIGH, Urgency.MEDIUM, Urgency.LOW))
                .providerPriority(priority)
                .build();
    }

    /** 1 High, 2 Medium, 3 Low (the instance defaults), codes or names. */
    private static <T> T level(String value, T high, T medium, T low) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("1") || v.contains("high")) {
            return high;
        }
        if (v.startsWith("2") || v.contains("medium")) {
            return medium;
        }
        return v.startsWith("3") || v.contains("low") ? low : null;
    }

    /** The instance, from any reference link ({@code https://<instance>.service-now.com/api/now/...}). */
    private static String instanceBase(JsonNode record) {
        for (JsonNode field : record) {
            String link = field.isObject() ? text(field, "link") : null;
            if (link != null && link.contains("/api/now/")) {
                return link.substring(0, link.indexOf("/api/now/"));
            }
        }
        return null;
    }
}
