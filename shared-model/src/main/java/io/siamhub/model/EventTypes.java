package io.siamhub.model;

import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.sla.SlaEventKind;

/**
 * CloudEvents {@code ce_type} values: {@code io.siamhub.<aggregate>.<what-happened>.v1}.
 */
public final class EventTypes {

    public static final String PREFIX = "io.siamhub.";

    public static final String INBOUND_RECEIVED = "io.siamhub.inbound.received.v1";

    public static final String SIGNAL_ALERT = "io.siamhub.signal.alert.v1";
    public static final String SIGNAL_TICKET = "io.siamhub.signal.ticket.v1";
    public static final String SIGNAL_MAINTENANCE = "io.siamhub.signal.maintenance.v1";
    public static final String SIGNAL_NOTE = "io.siamhub.signal.note.v1";

    public static final String INCIDENT_OPENED = "io.siamhub.incident.opened.v1";
    public static final String INCIDENT_UPDATED = "io.siamhub.incident.updated.v1";
    public static final String INCIDENT_ACKNOWLEDGED = "io.siamhub.incident.acknowledged.v1";
    public static final String INCIDENT_RESOLVED = "io.siamhub.incident.resolved.v1";
    public static final String INCIDENT_CLOSED = "io.siamhub.incident.closed.v1";
    public static final String INCIDENT_REOPENED = "io.siamhub.incident.reopened.v1";

    public static final String CHANGE_CREATED = "io.siamhub.change.created.v1";
    public static final String CHANGE_UPDATED = "io.siamhub.change.updated.v1";
    public static final String CHANGE_SUBMITTED = "io.siamhub.change.submitted.v1";
    public static final String CHANGE_APPROVED = "io.siamhub.change.approved.v1";
    public static final String CHANGE_REJECTED = "io.siamhub.change.rejected.v1";
    public static final String CHANGE_SCHEDULED = "io.siamhub.change.scheduled.v1";
    public static final String CHANGE_STARTED = "io.siamhub.change.started.v1";
    public static final String CHANGE_COMPLETED = "io.siamhub.change.completed.v1";
    public static final String CHANGE_FAILED = "io.siamhub.change.failed.v1";
    public static final String CHANGE_CANCELLED = "io.siamhub.change.cancelled.v1";
    public static final String CHANGE_BACKED_OUT = "io.siamhub.change.backed-out.v1";
    public static final String CHANGE_HELD = "io.siamhub.change.held.v1";
    public static final String CHANGE_RELEASED = "io.siamhub.change.released.v1";
    public static final String CHANGE_CONFLICT_DETECTED = "io.siamhub.change.conflict-detected.v1";
    public static final String CHANGE_INCIDENT_LINKED = "io.siamhub.change.incident-linked.v1";

    public static final String SLA_STARTED = "io.siamhub.sla.started.v1";
    public static final String SLA_PAUSED = "io.siamhub.sla.paused.v1";
    public static final String SLA_RESUMED = "io.siamhub.sla.resumed.v1";
    public static final String SLA_AT_RISK = "io.siamhub.sla.at-risk.v1";
    public static final String SLA_BREACHED = "io.siamhub.sla.breached.v1";
    public static final String SLA_MET = "io.siamhub.sla.met.v1";
    public static final String SLA_CANCELLED = "io.siamhub.sla.cancelled.v1";
    public static final String SLA_RECOMPUTED = "io.siamhub.sla.recomputed.v1";
    public static final String SLA_STOPPED = "io.siamhub.sla.stopped.v1";

    public static final String SERVICE_UPSERTED = "io.siamhub.service.upserted.v1";
    public static final String SERVICE_DELETED = "io.siamhub.service.deleted.v1";
    public static final String CONFIGURATION_ITEM_UPSERTED = "io.siamhub.configuration-item.upserted.v1";
    public static final String CONFIGURATION_ITEM_DELETED = "io.siamhub.configuration-item.deleted.v1";
    public static final String PROVIDER_UPSERTED = "io.siamhub.provider.upserted.v1";
    public static final String PROVIDER_DELETED = "io.siamhub.provider.deleted.v1";
    public static final String OWNERSHIP_UPSERTED = "io.siamhub.ownership.upserted.v1";
    public static final String OWNERSHIP_DELETED = "io.siamhub.ownership.deleted.v1";

    public static String signal(SignalKind kind) {
        return PREFIX + "signal." + kind.wireName() + ".v1";
    }

    public static String incident(IncidentEventKind kind) {
        return PREFIX + "incident." + kind.wireName() + ".v1";
    }

    public static String change(ChangeEventKind kind) {
        return PREFIX + "change." + kind.wireName() + ".v1";
    }

    public static String sla(SlaEventKind kind) {
        return PREFIX + "sla." + kind.wireName() + ".v1";
    }

    private EventTypes() {
    }
}
