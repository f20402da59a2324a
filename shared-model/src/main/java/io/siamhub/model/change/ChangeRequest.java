package io.siamhub.model.change;

import java.time.Instant;
import java.util.List;

import io.siamhub.model.TimeWindow;

/**
 * A change on the integrated calendar: an RFC raised in the hub, or a provider's maintenance.
 * Published whole on {@code siam.changes.v1} with every {@link ChangeEvent}.
 *
 * @param id                 change id (UUID)
 * @param number             human-facing number, {@code CHG0000001} style
 * @param title              one line
 * @param description        longer text
 * @param type               STANDARD, NORMAL or EMERGENCY
 * @param origin             RFC or PROVIDER_MAINTENANCE
 * @param provider           the provider whose maintenance it is (PROVIDER_MAINTENANCE), if any
 * @param providerRef        the provider's stable id of a maintenance event (AWS {@code eventArn}, Azure {@code trackingId})
 * @param status             lifecycle status
 * @param risk               assessed risk (computed, unless {@code riskOverridden})
 * @param window             the planned window, half-open {@code [start, end)}; for provider maintenance without an end, the end is the configured horizon and {@code endKnown} is false
 * @param services           ids of the services it touches (catalog)
 * @param configurationItems ids of the configuration items it touches (catalog)
 * @param conflicts          clashes currently found on the calendar
 * @param relatedIncidents   incidents linked to it (suspected causes, confirmed, related)
 * @param approvals          change managers' decisions, every round
 * @param requestedBy        who raised it (JWT subject), or the provider
 * @param createdAt          when it was raised
 * @param updatedAt          when it last changed
 * @param version            monotonic per change (the {@code ETag})
 * @param endKnown           false when the provider gave no end time
 * @param actual             when it actually ran: set on start, closed on complete, fail or back-out
 * @param riskReason         why the risk is what it is (the rule's explanation, or the override's reason)
 * @param riskOverridden     true when a person set the risk
 * @param implementer        who carries it out: a provider or resolver group
 * @param backoutPlan        how to undo it
 * @param account            provider maintenance: the AWS account, Azure subscription or GCP project
 * @param region             provider maintenance: the region
 * @param link               provider maintenance: a URL to the provider's notice
 * @param requiredApprovals  approvals the current risk needs (CAB rule)
 * @param approvalRound      the current approval round (1 on first submit)
 * @param heldFrom           while ON_HOLD: the status it returns to on release
 * @param heldBy             while ON_HOLD: the lockdown's id, or null when held by hand
 * @param freezeException    an approved exception to hard freezes and lockdowns (EMERGENCY only)
 * @param escalated          a person escalated it (provider maintenance)
 * @param sequence           iCalendar SEQUENCE: raised on every reschedule and cancellation
 * @param submittedAt        when it was (last) submitted
 * @param timeline           who did what, when and why
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
        List<IncidentLink> relatedIncidents,
        List<Approval> approvals,
        String requestedBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        boolean endKnown,
        TimeWindow actual,
        String riskReason,
        boolean riskOverridden,
        String implementer,
        String backoutPlan,
        String account,
        String region,
        String link,
        int requiredApprovals,
        int approvalRound,
        ChangeStatus heldFrom,
        String heldBy,
        FreezeException freezeException,
        boolean escalated,
        int sequence,
        Instant submittedAt,
        List<TimelineEntry> timeline) {

    public ChangeRequest {
        services = services == null ? List.of() : List.copyOf(services);
        configurationItems = configurationItems == null ? List.of() : List.copyOf(configurationItems);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        relatedIncidents = relatedIncidents == null ? List.of() : List.copyOf(relatedIncidents);
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    /** Whether nothing more happens to it. */
    public boolean closed() {
        return status != null && status.closed();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this change. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.id = id;
        builder.number = number;
        builder.title = title;
        builder.description = description;
        builder.type = type;
        builder.origin = origin;
        builder.provider = provider;
        builder.providerRef = providerRef;
        builder.status = status;
        builder.risk = risk;
        builder.window = window;
        builder.services = services;
        builder.configurationItems = configurationItems;
        builder.conflicts = conflicts;
        builder.relatedIncidents = relatedIncidents;
        builder.approvals = approvals;
        builder.requestedBy = requestedBy;
        builder.createdAt = createdAt;
        builder.updatedAt = updatedAt;
        builder.version = version;
        builder.endKnown = endKnown;
        builder.actual = actual;
        builder.riskReason = riskReason;
        builder.riskOverridden = riskOverridden;
        builder.implementer = implementer;
        builder.backoutPlan = backoutPlan;
        builder.account = account;
        builder.region = region;
        builder.link = link;
        builder.requiredApprovals = requiredApprovals;
        builder.approvalRound = approvalRound;
        builder.heldFrom = heldFrom;
        builder.heldBy = heldBy;
        builder.freezeException = freezeException;
        builder.escalated = escalated;
        builder.sequence = sequence;
        builder.submittedAt = submittedAt;
        builder.timeline = timeline;
        return builder;
    }

    /** Builds a change field by field. */
    public static final class Builder {
        private String id;
        private String number;
        private String title;
        private String description;
        private ChangeType type;
        private ChangeOrigin origin;
        private String provider;
        private String providerRef;
        private ChangeStatus status;
        private Risk risk;
        private TimeWindow window;
        private List<String> services;
        private List<String> configurationItems;
        private List<Conflict> conflicts;
        private List<IncidentLink> relatedIncidents;
        private List<Approval> approvals;
        private String requestedBy;
        private Instant createdAt;
        private Instant updatedAt;
        private long version;
        private boolean endKnown;
        private TimeWindow actual;
        private String riskReason;
        private boolean riskOverridden;
        private String implementer;
        private String backoutPlan;
        private String account;
        private String region;
        private String link;
        private int requiredApprovals;
        private int approvalRound;
        private ChangeStatus heldFrom;
        private String heldBy;
        private FreezeException freezeException;
        private boolean escalated;
        private int sequence;
        private Instant submittedAt;
        private List<TimelineEntry> timeline;

        private Builder() {
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder number(String value) {
            this.number = value;
            return this;
        }

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder type(ChangeType value) {
            this.type = value;
            return this;
        }

        public Builder origin(ChangeOrigin value) {
            this.origin = value;
            return this;
        }

        public Builder provider(String value) {
            this.provider = value;
            return this;
        }

        public Builder providerRef(String value) {
            this.providerRef = value;
            return this;
        }

        public Builder status(ChangeStatus value) {
            this.status = value;
            return this;
        }

        public Builder risk(Risk value) {
            this.risk = value;
            return this;
        }

        public Builder window(TimeWindow value) {
            this.window = value;
            return this;
        }

        public Builder services(List<String> value) {
            this.services = value;
            return this;
        }

        public Builder configurationItems(List<String> value) {
            this.configurationItems = value;
            return this;
        }

        public Builder conflicts(List<Conflict> value) {
            this.conflicts = value;
            return this;
        }

        public Builder relatedIncidents(List<IncidentLink> value) {
            this.relatedIncidents = value;
            return this;
        }

        public Builder approvals(List<Approval> value) {
            this.approvals = value;
            return this;
        }

        public Builder requestedBy(String value) {
            this.requestedBy = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder endKnown(boolean value) {
            this.endKnown = value;
            return this;
        }

        public Builder actual(TimeWindow value) {
            this.actual = value;
            return this;
        }

        public Builder riskReason(String value) {
            this.riskReason = value;
            return this;
        }

        public Builder riskOverridden(boolean value) {
            this.riskOverridden = value;
            return this;
        }

        public Builder implementer(String value) {
            this.implementer = value;
            return this;
        }

        public Builder backoutPlan(String value) {
            this.backoutPlan = value;
            return this;
        }

        public Builder account(String value) {
            this.account = value;
            return this;
        }

        public Builder region(String value) {
            this.region = value;
            return this;
        }

        public Builder link(String value) {
            this.link = value;
            return this;
        }

        public Builder requiredApprovals(int value) {
            this.requiredApprovals = value;
            return this;
        }

        public Builder approvalRound(int value) {
            this.approvalRound = value;
            return this;
        }

        public Builder heldFrom(ChangeStatus value) {
            this.heldFrom = value;
            return this;
        }

        public Builder heldBy(String value) {
            this.heldBy = value;
            return this;
        }

        public Builder freezeException(FreezeException value) {
            this.freezeException = value;
            return this;
        }

        public Builder escalated(boolean value) {
            this.escalated = value;
            return this;
        }

        public Builder sequence(int value) {
            this.sequence = value;
            return this;
        }

        public Builder submittedAt(Instant value) {
            this.submittedAt = value;
            return this;
        }

        public Builder timeline(List<TimelineEntry> value) {
            this.timeline = value;
            return this;
        }

        public ChangeRequest build() {
            return new ChangeRequest(id, number, title, description, type, origin, provider, providerRef, status, risk, window, services, configurationItems, conflicts, relatedIncidents, approvals, requestedBy, createdAt, updatedAt, version, endKnown, actual, riskReason, riskOverridden, implementer, backoutPlan, account, region, link, requiredApprovals, approvalRound, heldFrom, heldBy, freezeException, escalated, sequence, submittedAt, timeline);
        }
    }
}
