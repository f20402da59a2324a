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
import io.siamhub.model.change.FreezeException;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.IncidentRelation;
import io.siamhub.model.change.TimelineEntry;
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
                null,
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

    /** A note about a ticket: a Jira comment (no status, no severity; the text and its author). */
    static Signal note() {
        return Signal.builder()
                .id("5d0c7a1e-2b6f-4f0e-9f4c-8e1a6b3d2c10")
                .kind(SignalKind.NOTE)
                .provider("jira")
                .providerRef("10042")
                .fingerprint("jira:10042")
                .title("comment by Dana Ops on SUP-7")
                .description("Rolled back the release; error rate is falling.")
                .author("Dana Ops")
                .labels(Map.of("ticketKey", "SUP-7", "webhookEvent", "comment_created", "commentId", "20017"))
                .occurredAt(T0)
                .receivedAt(T0.plusSeconds(1))
                .link("https://example.atlassian.net/browse/SUP-7")
                .inboundOffset(new InboundOffset(1, 77L))
                .build();
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
        return ChangeRequest.builder()
                .id("c3b9d2a0-7f55-4a2e-9f0b-5a0e2e1d4c33")
                .number("CHG0000007")
                .title("Patch payments-db minor version")
                .description("RDS maintenance: engine minor version upgrade")
                .type(ChangeType.NORMAL)
                .origin(ChangeOrigin.PROVIDER_MAINTENANCE)
                .provider("aws")
                .providerRef("arn:aws:health:eu-west-1::event/RDS/AWS_RDS_MAINTENANCE_SCHEDULED/abc")
                .status(ChangeStatus.ON_HOLD)
                .risk(Risk.MEDIUM)
                .window(new TimeWindow(T0.plusSeconds(86_400), T0.plusSeconds(90_000)))
                .services(List.of("payments"))
                .configurationItems(List.of("payments-db"))
                .conflicts(List.of(new Conflict(ConflictKind.FREEZE_WINDOW, "year-end-freeze", "Year-end freeze",
                        new TimeWindow(T0, T0.plusSeconds(864_000)), "inside the year-end freeze", true)))
                .relatedIncidents(List.of(new IncidentLink("6a1f3a52-51f4-4d43-8f7e-2a1c5a0c9d21", "INC0000042",
                        IncidentRelation.SUSPECTED_CAUSE, "opened on payments-db while the change was in progress", 1,
                        T0.plusSeconds(600))))
                .approvals(List.of(new Approval("bob", ApprovalDecision.APPROVED, "fine", T0.plusSeconds(300), "cab-senior", 1)))
                .requestedBy("aws")
                .createdAt(T0)
                .updatedAt(T0.plusSeconds(300))
                .version(2)
                .endKnown(false)
                .actual(new TimeWindow(T0.plusSeconds(86_400), null))
                .riskReason("payments-db is HIGH; NORMAL; 1 open conflict")
                .riskOverridden(false)
                .implementer("aws")
                .backoutPlan("restore the snapshot taken before")
                .account("123456789012")
                .region("eu-west-1")
                .link("https://health.aws.amazon.com/health/home#/account/event-log?eventID=abc")
                .requiredApprovals(2)
                .approvalRound(1)
                .heldFrom(ChangeStatus.SCHEDULED)
                .heldBy("5b0c7e4e-3c8e-4d7a-9d36-2f1c0f8a1e11")
                .freezeException(new FreezeException("card network mandate", "carol", T0.plusSeconds(200)))
                .escalated(true)
                .sequence(1)
                .submittedAt(T0.plusSeconds(100))
                .timeline(List.of(new TimelineEntry(T0, Actor.provider("aws"), "created", "provider notice",
                        List.of(new FieldChange("status", null, "SCHEDULED")))))
                .build();
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
        return new Service("payments", "Payments", "Card payments for the web shop", Criticality.HIGH, "CFO office", List.of("identity"));
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
