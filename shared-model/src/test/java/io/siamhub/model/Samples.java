package io.siamhub.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.catalog.Criticality;
import io.siamhub.model.catalog.MatchRule;
import io.siamhub.model.catalog.OwnerType;
import io.siamhub.model.catalog.Ownership;
import io.siamhub.model.catalog.OwnershipScope;
import io.siamhub.model.catalog.Provider;
import io.siamhub.model.catalog.Service;
import io.siamhub.model.change.Approval;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.ConflictKind;
import io.siamhub.model.change.Risk;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentEvent;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.incident.SignalSummary;
import io.siamhub.model.signal.InboundOffset;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.model.sla.SlaMetric;

/** One fully populated sample of every published payload: every field set, so the schema sees them all. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-11-24T09:15:30Z");

    static Signal signal() {
        return new Signal(
                "0b9f6c5e-3f1d-4a57-9a51-0c8f3e0a2b11",
                SignalKind.ALERT,
                "aws",
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:payments-db-cpu",
                "aws:123456789012:eu-west-1:payments-db-cpu",
                SignalStatus.FIRING,
                "ALARM",
                Severity.MAJOR,
                "High",
                "payments-db CPU above 90%",
                "Threshold Crossed: 1 datapoint [95.2] was greater than the threshold (90.0).",
                new Resource("arn:aws:rds:eu-west-1:123456789012:db:payments", "AWS::RDS::DBInstance",
                        "payments", "eu-west-1", "123456789012"),
                "payments",
                Map.of("env", "prod", "team", "payments"),
                T0,
                T0.plusSeconds(2),
                T0.plusSeconds(600),
                new TimeWindow(T0, T0.plusSeconds(3600)),
                "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarm:name=payments-db-cpu",
                Impact.HIGH,
                Urgency.MEDIUM,
                "2 - High",
                new InboundOffset(3, 1042L));
    }

    static Incident incident() {
        return new Incident(
                "6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21",
                "INC0000042",
                "payments-db CPU above 90%",
                "1 datapoint [95.2] was greater than the threshold (90.0)",
                IncidentStatus.ACKNOWLEDGED,
                Impact.HIGH,
                Urgency.MEDIUM,
                Priority.P2,
                "payments",
                "payments-db",
                "aws",
                new SignalSummary(3, T0, T0.plusSeconds(120), List.of("aws:123456789012:eu-west-1:payments-db-cpu")),
                List.of(new ExternalTicket("servicenow", "INC0010001",
                        "https://acme.service-now.com/incident.do?sys_id=abc", "In Progress")),
                List.of("c3b9d2a0-7f55-4a2e-9f0b-5a0e2e1d4c33"),
                true,
                true,
                false,
                false,
                T0,
                T0.plusSeconds(60),
                T0.plusSeconds(900),
                T0.plusSeconds(1800),
                4);
    }

    static IncidentEvent incidentEvent() {
        return new IncidentEvent(
                IncidentEventKind.ACKNOWLEDGED,
                incident(),
                List.of(new FieldChange("status", "NEW", "ACKNOWLEDGED")),
                Actor.user("alice"),
                "looking into it",
                T0.plusSeconds(60));
    }

    static ChangeRequest changeRequest() {
        return new ChangeRequest(
                "c3b9d2a0-7f55-4a2e-9f0b-5a0e2e1d4c33",
                "CHG0000007",
                "Patch payments-db minor version",
                "RDS maintenance: engine minor version upgrade",
                ChangeType.NORMAL,
                ChangeOrigin.PROVIDER_MAINTENANCE,
                "aws",
                "arn:aws:health:eu-west-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/abc",
                ChangeStatus.SCHEDULED,
                Risk.MEDIUM,
                new TimeWindow(T0.plusSeconds(86_400), T0.plusSeconds(90_000)),
                List.of("payments"),
                List.of("payments-db"),
                List.of(new Conflict(ConflictKind.FREEZE_WINDOW, "year-end-freeze", "inside the year-end freeze")),
                List.of("6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21"),
                List.of(new Approval("bob", ApprovalDecision.APPROVED, "fine", T0.plusSeconds(300))),
                "aws",
                T0,
                T0.plusSeconds(300),
                2);
    }

    static ChangeEvent changeEvent() {
        return new ChangeEvent(
                ChangeEventKind.APPROVED,
                changeRequest(),
                List.of(new FieldChange("status", "SUBMITTED", "APPROVED")),
                Actor.user("bob"),
                "CAB approved",
                T0.plusSeconds(300));
    }

    static SlaEvent slaEvent() {
        return new SlaEvent(
                SlaEventKind.AT_RISK,
                "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b",
                "6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21",
                "p2-resolution",
                AgreementType.UC,
                SlaMetric.RESOLUTION,
                "aws",
                Priority.P2,
                Duration.ofHours(8),
                Duration.ofHours(6),
                Duration.ofHours(2),
                75,
                T0.plusSeconds(28_800),
                T0.plusSeconds(21_600),
                "aws",
                ClockState.RUNNING,
                false,
                T0.plusSeconds(27_000),
                "incident INC0000042 moved to aws");
    }

    static Service service() {
        return new Service("payments", "Payments", "Card payments for the web shop", Criticality.HIGH, "CFO office");
    }

    static ConfigurationItem configurationItem() {
        return new ConfigurationItem("payments-db", "Payments database", "database", "payments", "aws",
                Criticality.HIGH,
                List.of(new MatchRule("arn:aws:rds:eu-west-1:123456789012:db:payments", "^arn:aws:rds:.*:db:payments.*$",
                        "aws", "123456789012", "eu-west-1", Map.of("team", "payments"))));
    }

    static Provider provider() {
        return new Provider("aws", "Amazon Web Services", "AWS-EA-2026-001");
    }

    static Ownership ownership() {
        return new Ownership("payments-db-owner", OwnershipScope.CONFIGURATION_ITEM, "payments-db",
                OwnerType.RESOLVER_GROUP, "dba-team");
    }

    private Samples() {
    }
}
