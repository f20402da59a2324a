package io.siamhub.incident.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.TestConfig;
import io.siamhub.incident.catalog.Placement;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.FingerprintState;
import io.siamhub.incident.rules.FlappingDetector;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.MaintenanceWindow;
import io.siamhub.incident.rules.PriorityMatrix;
import io.siamhub.incident.rules.TicketState;
import io.siamhub.incident.rules.TimelineLine;
import io.siamhub.model.Impact;
import io.siamhub.model.Priority;
import io.siamhub.model.Urgency;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.signal.Resource;
import io.siamhub.model.signal.Severity;
import io.siamhub.model.signal.Signal;
import io.siamhub.model.signal.SignalKind;
import io.siamhub.model.signal.SignalStatus;

/**
 * The signal rules from a table: loaded state and signals in, decisions out. Plain JUnit: no Kafka,
 * no PostgreSQL, no Quarkus. Each row names the situation, the settings that differ from the defaults,
 * what was loaded, the signals, the decisions expected ({@code KIND/outcome}), and what else must hold.
 */
class SignalRulesTableTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String CI = "payments-db";
    static final String KEY = "ci:" + CI;
    static final Placement PLACED = new Placement(CI, "payments", "dba-oncall", Impact.HIGH, false, KEY, "match rule 1");

    record Row(String situation, Map<String, String> settings, Consumer<Given> given, List<Signal> signals, List<String> expected,
            Consumer<List<Decision>> then) {

        @Override
        public String toString() {
            return situation;
        }
    }

    static Stream<Row> table() {
        return Stream.of(
                row("a new fingerprint opens an incident", Map.of(), given -> {
                }, List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("OPEN/opened"), decisions -> {
                    Decision open = decisions.get(0);
                    assertThat(open.incident().status).isEqualTo(IncidentStatus.NEW);
                    assertThat(open.incident().priority).isEqualTo(Priority.P1); // HIGH impact × MAJOR → HIGH urgency
                    assertThat(open.incident().owner).isEqualTo("dba-oncall");
                    assertThat(open.incident().createdAt).isEqualTo(NOW);
                    assertThat(open.newFingerprint()).isTrue();
                    assertThat(open.fingerprint().joinedBy).isEqualTo("correlation.new-incident");
                    assertThat(line(open, "opened").actor().id()).isEqualTo("correlation.new-incident");
                    assertThat(line(open, "opened").why()).contains("CI payments-db (match rule 1), owner dba-oncall")
                            .contains("active within 10m");
                }),
                row("the same fingerprint twice in one batch: one incident, a quiet repeat", Map.of(), given -> {
                }, List.of(alert("fp-a", SignalStatus.FIRING, NOW), alert("fp-a", SignalStatus.FIRING, NOW.plusSeconds(1))),
                        List.of("OPEN/opened", "REPEAT/deduplicated"), decisions -> {
                            Decision repeat = decisions.get(1);
                            assertThat(repeat.incident().id).isEqualTo(decisions.get(0).incident().id);
                            assertThat(repeat.incident().signalCount).isEqualTo(2);
                            assertThat(repeat.fingerprint().count).isEqualTo(2);
                            assertThat(repeat.lines()).singleElement().satisfies(line -> assertThat(line.quiet()).isTrue());
                        }),
                row("a known firing fingerprint on an open incident is a repeat", Map.of(),
                        given -> given.incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60)).fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REPEAT/deduplicated"), decisions -> {
                            assertThat(decisions.get(0).incident().signalCount).isEqualTo(2);
                            assertThat(decisions.get(0).incident().lastActivityAt).isEqualTo(NOW);
                        }),
                row("a resolved fingerprint firing again cancels the pending auto-resolve", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60), incident -> {
                            incident.firingSignals = 0;
                            incident.autoResolveAt = NOW.plusSeconds(240);
                        }).fingerprint("fp-a", "i1", SignalStatus.RESOLVED),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REPEAT/deduplicated"), decisions -> {
                            Decision repeat = decisions.get(0);
                            assertThat(repeat.incident().autoResolveAt).isNull();
                            assertThat(repeat.incident().firingSignals).isEqualTo(1);
                            assertThat(line(repeat, "signal firing again").why()).endsWith("the pending auto-resolve is cancelled");
                        }),
                row("a fingerprint firing within the reopen window reopens its incident", Map.of(), given -> given
                        .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(600), incident -> incident.resolvedAt = NOW.minusSeconds(600))
                        .fingerprint("fp-a", "i1", SignalStatus.RESOLVED),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REOPEN/reopened"), decisions -> {
                            Decision reopen = decisions.get(0);
                            assertThat(reopen.incident().status).isEqualTo(IncidentStatus.NEW);
                            assertThat(line(reopen, "reopened").actor().id()).isEqualTo("reopen.same-fingerprint");
                            assertThat(line(reopen, "reopened").why()).contains("fired again 10m after").contains("reopen window of 30m");
                        }),
                row("an acknowledged incident reopens IN_PROGRESS", Map.of(), given -> given
                        .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(600), incident -> {
                            incident.resolvedAt = NOW.minusSeconds(600);
                            incident.acknowledgedAt = NOW.minusSeconds(900);
                        }).fingerprint("fp-a", "i1", SignalStatus.RESOLVED),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REOPEN/reopened"),
                        decisions -> assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.IN_PROGRESS)),
                row("after the reopen window a fingerprint joins the open incident of its CI", Map.of(), given -> given
                        .incident("old", IncidentStatus.RESOLVED, NOW.minus(Duration.ofHours(2)),
                                incident -> incident.resolvedAt = NOW.minus(Duration.ofHours(1)))
                        .fingerprint("fp-a", "old", SignalStatus.RESOLVED)
                        .incident("open", IncidentStatus.ACKNOWLEDGED, NOW.minus(Duration.ofMinutes(4))),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("JOIN/correlated"), decisions -> {
                            Decision join = decisions.get(0);
                            assertThat(join.incident().id).isEqualTo(Given.uuid("open"));
                            assertThat(join.incident().fingerprints).containsExactly("fp-open", "fp-a");
                            assertThat(join.newFingerprint()).isTrue();
                            assertThat(join.fingerprint().joinedBy).isEqualTo("correlation.same-ci");
                            assertThat(line(join, "signal joined").why()).contains("last active 4m before")
                                    .contains("correlation window of 10m");
                        }),
                row("a new fingerprint of a CI whose open incident is idle longer than the window opens its own", Map.of(),
                        given -> given.incident("open", IncidentStatus.NEW, NOW.minus(Duration.ofMinutes(20))),
                        List.of(alert("fp-b", SignalStatus.FIRING, NOW)), List.of("OPEN/opened"),
                        decisions -> assertThat(decisions.get(0).incident().id).isNotEqualTo(Given.uuid("open"))),
                row("with SERVICE scope the join says so", Map.of("siam.incident.correlation-scope", "SERVICE"),
                        given -> given.placedAs(new Placement(CI, "payments", "dba-oncall", Impact.HIGH, false, "service:payments", "rule 1"))
                                .incident("open", IncidentStatus.NEW, NOW.minusSeconds(30), incident -> incident.correlationKey = "service:payments"),
                        List.of(alert("fp-b", SignalStatus.FIRING, NOW)), List.of("JOIN/correlated"), decisions -> {
                            assertThat(decisions.get(0).fingerprint().joinedBy).isEqualTo("correlation.same-service");
                            assertThat(line(decisions.get(0), "signal joined").why()).contains("same service payments");
                        }),
                row("a flapping fingerprint of a resolved incident is held: it stays resolved", Map.of(), given -> given
                        .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(300), incident -> incident.resolvedAt = NOW.minusSeconds(300))
                        .fingerprint("fp-a", "i1", SignalStatus.RESOLVED, row -> {
                            row.flapping = true;
                            row.lastTransitionAt = NOW.minusSeconds(300);
                        }),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("HOLD_WHILE_FLAPPING/flapping"), decisions -> {
                            assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.RESOLVED);
                            assertThat(line(decisions.get(0), "flapping signal fired; not reopened").actor().id()).isEqualTo("flapping.hold");
                        }),
                row("a flapping fingerprint quiet for the quiet window clears, then reopens", Map.of(), given -> given
                        .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(1200), incident -> incident.resolvedAt = NOW.minusSeconds(1200))
                        .fingerprint("fp-a", "i1", SignalStatus.RESOLVED, row -> {
                            row.flapping = true;
                            row.transitions = "1";
                            row.lastTransitionAt = NOW.minus(Duration.ofMinutes(31));
                        }),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("FLAPPING_CLEARED/null", "REOPEN/reopened"), decisions -> {
                            assertThat(decisions.get(0).fingerprint().flapping).isFalse();
                            assertThat(line(decisions.get(0), "signal no longer flapping").actor().id()).isEqualTo("flapping.cleared");
                        }),
                row("the fifth change within the window starts flapping", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60), incident -> incident.firingSignals = 2)
                        .fingerprint("fp-a", "i1", SignalStatus.FIRING, row -> row.transitions = millis(NOW.minusSeconds(240), NOW.minusSeconds(180),
                                NOW.minusSeconds(120), NOW.minusSeconds(60))),
                        List.of(alert("fp-a", SignalStatus.RESOLVED, NOW)), List.of("RESOLVE/resolved"), decisions -> {
                            Decision resolve = decisions.get(0);
                            assertThat(resolve.flappingStarted()).isTrue();
                            assertThat(resolve.fingerprint().flapping).isTrue();
                            assertThat(line(resolve, "signal flapping").why()).contains("changed 5 times (more than 4 changes in 30m");
                        }),
                row("the last firing fingerprint resolving schedules the auto-resolve", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60)).fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.RESOLVED, NOW)), List.of("RESOLVE/resolved"), decisions -> {
                            Decision resolve = decisions.get(0);
                            assertThat(resolve.incident().firingSignals).isZero();
                            assertThat(resolve.incident().autoResolveAt).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
                            assertThat(resolve.incident().status).isEqualTo(IncidentStatus.NEW);
                            assertThat(line(resolve, "auto-resolve scheduled").why()).contains("quiet period of 5m");
                        }),
                row("under NEVER every signal resolving leaves it to people", Map.of("siam.incident.auto-resolve", "NEVER"), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60)).fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.RESOLVED, NOW)), List.of("RESOLVE/resolved"), decisions -> {
                            assertThat(decisions.get(0).incident().autoResolveAt).isNull();
                            assertThat(line(decisions.get(0), "every signal resolved").why()).contains("NEVER");
                        }),
                row("under UNLESS_HANDLED an incident a person handles stays open", Map.of(), given -> given
                        .incident("i1", IncidentStatus.ACKNOWLEDGED, NOW.minusSeconds(60), incident -> incident.handledByPerson = true)
                        .fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.RESOLVED, NOW)), List.of("RESOLVE/resolved"),
                        decisions -> assertThat(decisions.get(0).incident().autoResolveAt).isNull()),
                row("a resolved fingerprint resolving again is a repeat", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60), incident -> incident.firingSignals = 0)
                        .fingerprint("fp-a", "i1", SignalStatus.RESOLVED),
                        List.of(alert("fp-a", SignalStatus.RESOLVED, NOW)), List.of("RESOLVE/deduplicated"),
                        decisions -> assertThat(decisions.get(0).lines()).allSatisfy(line -> assertThat(line.quiet()).isTrue())),
                row("a resolved signal nothing knows is ignored", Map.of(), given -> {
                }, List.of(alert("fp-x", SignalStatus.RESOLVED, NOW)), List.of("IGNORE/ignored"),
                        decisions -> assertThat(decisions.get(0).incident()).isNull()),
                row("a more severe signal raises urgency, and priority with it", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60), incident -> {
                            incident.urgency = Urgency.LOW;
                            incident.priority = Priority.P3;
                        }).fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REPEAT/deduplicated"), decisions -> {
                            assertThat(decisions.get(0).incident().urgency).isEqualTo(Urgency.HIGH);
                            assertThat(decisions.get(0).incident().priority).isEqualTo(Priority.P1);
                            assertThat(line(decisions.get(0), "urgency raised").actor().id()).isEqualTo("priority.severity");
                        }),
                row("an urgency a person set sticks", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60), incident -> {
                            incident.urgency = Urgency.LOW;
                            incident.urgencyOverridden = true;
                        }).fingerprint("fp-a", "i1", SignalStatus.FIRING),
                        List.of(alert("fp-a", SignalStatus.FIRING, NOW)), List.of("REPEAT/deduplicated"),
                        decisions -> assertThat(decisions.get(0).incident().urgency).isEqualTo(Urgency.LOW)),
                row("an unplaced signal opens an unmapped incident of its own fingerprint", Map.of(), given -> given.unplaced("fp-u"),
                        List.of(alert("fp-u", SignalStatus.FIRING, NOW)), List.of("OPEN/opened"), decisions -> {
                            assertThat(decisions.get(0).incident().unmapped).isTrue();
                            assertThat(decisions.get(0).incident().owner).isEqualTo("service-desk");
                            assertThat(line(decisions.get(0), "opened").why()).contains("no catalog entry matches it");
                        }),
                row("a new incident inside an approved window is marked, linked and lowered", Map.of(), given -> given
                        .window(new MaintenanceWindow("chg-1", "CHG0000001", NOW.minusSeconds(600), NOW.plusSeconds(600), Set.of(KEY))),
                        List.of(alert("fp-m", SignalStatus.FIRING, NOW)), List.of("OPEN/opened"), decisions -> {
                            Decision open = decisions.get(0);
                            assertThat(open.incident().maintenance).isTrue();
                            assertThat(open.incident().priority).isEqualTo(Priority.P2);
                            assertThat(open.linkedChange()).isEqualTo("chg-1");
                            assertThat(line(open, "opened in maintenance").why()).contains("CHG0000001").contains("LOWER_PRIORITY");
                        }),
                row("HOLD_PAGING holds a new incident inside a window from paging", Map.of("siam.incident.maintenance.policy", "HOLD_PAGING"),
                        given -> given.window(new MaintenanceWindow("chg-1", null, NOW.minusSeconds(600), null, Set.of("service:payments"))),
                        List.of(alert("fp-m", SignalStatus.FIRING, NOW)), List.of("OPEN/opened"), decisions -> {
                            assertThat(decisions.get(0).incident().pagingHeld).isTrue();
                            assertThat(decisions.get(0).incident().priority).isEqualTo(Priority.P1);
                        }),
                row("a ticket nobody linked waits", Map.of(), given -> {
                }, List.of(ticket("jira", "10001", "OPS-1", SignalStatus.OPEN, "To Do")), List.of("TICKET_UPDATE/unlinked"), decisions -> {
                    assertThat(decisions.get(0).newTicket()).isTrue();
                    assertThat(decisions.get(0).ticket().id).isEqualTo("jira:10001");
                    assertThat(decisions.get(0).ticket().key).isEqualTo("OPS-1");
                }),
                row("a ticket the hub's sync made for an incident (siamIncident label) is linked to it on its first signal", Map.of(),
                        given -> given.incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60)),
                        List.of(synced(ticket("servicenow", "46d44", "INC0010001", SignalStatus.OPEN, "1"), Given.uuid("i1"))),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).ticket().incidentId).isEqualTo(Given.uuid("i1"));
                            assertThat(decisions.get(0).ticket().id).isEqualTo("servicenow:46d44");
                            assertThat(line(decisions.get(0), "linked ticket servicenow:INC0010001").why()).contains("made for this incident");
                            assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.NEW);
                        }),
                row("a siamIncident label naming an incident that is not there leaves the ticket waiting", Map.of(), given -> {
                }, List.of(synced(ticket("servicenow", "46d44", "INC0010001", SignalStatus.OPEN, "1"), Given.uuid("gone"))),
                        List.of("TICKET_UPDATE/unlinked"), decisions -> assertThat(decisions.get(0).ticket().incidentId).isNull()),
                row("a siamIncident label never moves a ticket a person linked elsewhere", Map.of(), given -> given
                        .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .incident("i2", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.OPEN),
                        List.of(synced(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), Given.uuid("i2"))),
                        List.of("TICKET_UPDATE/linked"), decisions -> assertThat(decisions.get(0).incident().id).isEqualTo(Given.uuid("i1"))),
                row("a linked ticket reopened while the incident is resolved is a conflict on the timeline (status owned by the hub)",
                        Map.of(), given -> given
                                .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(60), incident -> incident.resolvedAt = NOW.minusSeconds(30))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.RESOLVED),
                        List.of(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress")),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.RESOLVED);
                            assertThat(line(decisions.get(0), "conflict on status with ticket servicenow:INC0010001").why())
                                    .contains("the ticket is IN_PROGRESS again").contains("the incident stays RESOLVED")
                                    .contains("tickets.ownership.status is HUB");
                        }),
                row("with the status owned by the provider its resolution resolves the incident", Map.of("siam.incident.tickets.ownership.status",
                        "PROVIDER"), given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(ticket("servicenow", "46d44", "INC0010001", SignalStatus.RESOLVED, "Resolved")),
                        List.of("TICKET_UPDATE/linked"), decisions -> assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.RESOLVED)),
                row("with the status owned by the provider its reopening reopens a resolved incident", Map.of("siam.incident.tickets.ownership.status",
                        "PROVIDER"), given -> given
                                .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(60), incident -> incident.resolvedAt = NOW.minusSeconds(30))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.RESOLVED),
                        List.of(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress")),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().status).isEqualTo(IncidentStatus.NEW);
                            assertThat(line(decisions.get(0), "reopened").why()).contains("tickets.ownership.status is PROVIDER");
                        }),
                row("a ticket whose urgency differs is a conflict while the hub owns priority: the incident keeps its own", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                Urgency.LOW)),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().priority).isEqualTo(Priority.P1);
                            assertThat(line(decisions.get(0), "conflict on priority with ticket servicenow:INC0010001").why())
                                    .contains("the ticket says impact HIGH, urgency LOW").contains("tickets.ownership.priority is HUB");
                        }),
                row("a priority conflict is written once per difference: the same difference on the ticket's next webhooks writes no line",
                        Map.of(), given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                Urgency.LOW),
                                rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                        Urgency.LOW)),
                        List.of("TICKET_UPDATE/linked", "TICKET_UPDATE/linked"), decisions -> {
                            assertThat(line(decisions.get(0), "conflict on priority with ticket servicenow:INC0010001").why())
                                    .contains("urgency LOW");
                            assertThat(decisions.get(1).lines()).as("the same difference again").isEmpty();
                            assertThat(decisions.get(1).ticket().conflicts).containsOnlyKeys("priority");
                        }),
                row("a priority conflict remembered from an earlier batch (the ticket's row) is not written again", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS, ticket -> {
                                    ticket.providerStatus = "In Progress";
                                    ticket.conflicts = Map.of("priority",
                                            "the ticket says impact HIGH, urgency LOW; the incident keeps impact HIGH, urgency HIGH (P1)");
                                }),
                        List.of(rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                Urgency.LOW)),
                        List.of("TICKET_UPDATE/linked"), decisions -> assertThat(decisions.get(0).lines()).isEmpty()),
                row("a new difference on the same ticket is written again, and one that went away and came back too", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                Urgency.LOW),
                                rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                        Urgency.MEDIUM),
                                rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                        Urgency.HIGH),
                                rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                        Urgency.MEDIUM)),
                        List.of("TICKET_UPDATE/linked", "TICKET_UPDATE/linked", "TICKET_UPDATE/linked", "TICKET_UPDATE/linked"), decisions -> {
                            assertThat(line(decisions.get(0), "conflict on priority with ticket servicenow:INC0010001").why()).contains("urgency LOW");
                            assertThat(line(decisions.get(1), "conflict on priority with ticket servicenow:INC0010001").why())
                                    .contains("urgency MEDIUM");
                            assertThat(decisions.get(2).lines()).as("the ticket agrees again").isEmpty();
                            assertThat(decisions.get(2).ticket().conflicts).isEmpty();
                            assertThat(line(decisions.get(3), "conflict on priority with ticket servicenow:INC0010001").why())
                                    .contains("urgency MEDIUM");
                        }),
                row("a ticket assigned elsewhere is a conflict once while the hub owns assignment: the incident keeps its owner", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60)).owners("network-oncall")
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Network", "network-oncall"),
                                assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Network", "network-oncall")),
                        List.of("TICKET_UPDATE/linked", "TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().owner).isEqualTo("dba-oncall");
                            assertThat(line(decisions.get(0), "conflict on assignment with ticket servicenow:INC0010001").why())
                                    .contains("the ticket is assigned to Network (owner network-oncall)")
                                    .contains("the incident stays with dba-oncall").contains("tickets.ownership.assignment is HUB");
                            assertThat(decisions.get(0).ticket().assignment).isEqualTo("Network");
                            // the same difference again: nothing new on the timeline
                            assertThat(decisions.get(1).lines()).isEmpty();
                        }),
                row("a ticket assignment already judged says nothing again; a new one is judged", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS, ticket -> {
                                    ticket.providerStatus = "2";
                                    ticket.assignment = "Network";
                                }),
                        List.of(assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Network", null),
                                assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Storage", null)),
                        List.of("TICKET_UPDATE/linked", "TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).lines()).isEmpty();
                            assertThat(line(decisions.get(1), "conflict on assignment with ticket servicenow:INC0010001").why())
                                    .contains("the ticket is assigned to Storage;");
                        }),
                row("a ticket assigned to the incident's own owner agrees: no line", Map.of(),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("jira:10001", "OPS-1", "i1", SignalStatus.IN_PROGRESS, ticket -> ticket.providerStatus = "In Progress"),
                        List.of(assigned(ticket("jira", "10001", "OPS-1", SignalStatus.IN_PROGRESS, "In Progress"), "5b10ac8d82e05b22cc7d4ef5",
                                "dba-oncall")),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).lines()).isEmpty();
                            assertThat(decisions.get(0).incident().owner).isEqualTo("dba-oncall");
                        }),
                row("with assignment owned by the provider a ticket's group the catalog knows moves the owner",
                        Map.of("siam.incident.tickets.ownership.assignment", "PROVIDER"),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60)).owners("network-oncall")
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Network", "network-oncall")),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().owner).isEqualTo("network-oncall");
                            assertThat(line(decisions.get(0), "owner from ticket servicenow:INC0010001").why())
                                    .contains("assigned to Network (owner network-oncall)").contains("PROVIDER").contains("owner was dba-oncall");
                        }),
                row("with assignment owned by the provider a group named like a catalog owner moves it without a map",
                        Map.of("siam.incident.tickets.ownership.assignment", "PROVIDER"),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60)).owners("network-oncall")
                                .ticket("jira:10001", "OPS-1", "i1", SignalStatus.IN_PROGRESS),
                        List.of(assigned(ticket("jira", "10001", "OPS-1", SignalStatus.IN_PROGRESS, "In Progress"), "network-oncall", null)),
                        List.of("TICKET_UPDATE/linked"), decisions -> assertThat(decisions.get(0).incident().owner).isEqualTo("network-oncall")),
                row("with assignment owned by the provider a group the catalog does not know is a conflict line, not a change",
                        Map.of("siam.incident.tickets.ownership.assignment", "PROVIDER"),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60)).owners("network-oncall")
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "2"), "Facilities", null)),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().owner).isEqualTo("dba-oncall");
                            assertThat(line(decisions.get(0), "conflict on assignment with ticket servicenow:INC0010001").why())
                                    .contains("Facilities is no owner the catalog knows");
                        }),
                row("an unlinked ticket's assignment is not judged (nor remembered) until it is linked", Map.of(), given -> {
                }, List.of(assigned(ticket("servicenow", "46d44", "INC0010001", SignalStatus.OPEN, "1"), "Network", null)),
                        List.of("TICKET_UPDATE/unlinked"), decisions -> assertThat(decisions.get(0).ticket().assignment).isNull()),
                row("a ticket whose urgency differs sets the incident's when the provider owns priority",
                        Map.of("siam.incident.tickets.ownership.priority", "PROVIDER"),
                        given -> given.incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("servicenow:46d44", "INC0010001", "i1", SignalStatus.IN_PROGRESS),
                        List.of(rated(ticket("servicenow", "46d44", "INC0010001", SignalStatus.IN_PROGRESS, "In Progress"), Impact.HIGH,
                                Urgency.LOW)),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).incident().urgency).isEqualTo(Urgency.LOW);
                            assertThat(decisions.get(0).incident().priority).isEqualTo(Priority.P3);
                            assertThat(line(decisions.get(0), "priority from ticket servicenow:INC0010001").why()).contains("PROVIDER");
                        }),
                row("a linked ticket resolved by its provider resolves the incident under RESOLVE",
                        Map.of("siam.incident.tickets.on-provider-resolved", "RESOLVE"), given -> given
                                .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                                .ticket("jira:10001", "OPS-1", "i1", SignalStatus.OPEN),
                        List.of(ticket("jira", "10001", "OPS-1", SignalStatus.RESOLVED, "Done")), List.of("TICKET_UPDATE/linked"), decisions -> {
                            Decision update = decisions.get(0);
                            assertThat(update.incident().providerResolved).isTrue();
                            assertThat(update.incident().status).isEqualTo(IncidentStatus.RESOLVED);
                            assertThat(update.incident().resolvedAt).isEqualTo(NOW);
                            assertThat(line(update, "resolved").why()).contains("tickets.on-provider-resolved is RESOLVE");
                        }),
                row("a linked ticket whose state did not change leaves the incident alone", Map.of(), given -> given
                        .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .ticket("jira:10001", "OPS-1", "i1", SignalStatus.OPEN),
                        List.of(ticket("jira", "10001", "OPS-1", SignalStatus.OPEN, "To Do")), List.of("TICKET_UPDATE/linked"),
                        decisions -> assertThat(decisions.get(0).lines()).isEmpty()),
                row("a ticket a person linked by key takes the provider's id on its first signal", Map.of(), given -> given
                        .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .ticket("jira:OPS-1", "OPS-1", "i1", null),
                        List.of(ticket("jira", "10001", "OPS-1", SignalStatus.IN_PROGRESS, "In Progress")), List.of("TICKET_UPDATE/linked"), decisions -> {
                            Decision update = decisions.get(0);
                            assertThat(update.ticket().id).isEqualTo("jira:10001");
                            assertThat(update.ticket().incidentId).isEqualTo(Given.uuid("i1"));
                            assertThat(update.newTicket()).isTrue();
                            assertThat(update.retiredTicket()).isEqualTo("jira:OPS-1");
                        }),
                row("a moved ticket keeps its id; the timeline names the new key", Map.of(), given -> given
                        .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .ticket("jira:10001", "OPS-1", "i1", SignalStatus.OPEN),
                        List.of(ticket("jira", "10001", "SUP-7", SignalStatus.OPEN, "To Do")), List.of("TICKET_UPDATE/linked"), decisions -> {
                            assertThat(decisions.get(0).ticket().key).isEqualTo("SUP-7");
                            assertThat(line(decisions.get(0), "ticket jira:SUP-7").why()).contains("jira:OPS-1 is now jira:SUP-7");
                            assertThat(decisions.get(0).ticket().previousKeys).as("a person may still link it by OPS-1").containsExactly("OPS-1");
                        }),
                row("a ticket moving back to a key it had drops that key from its earlier ones", Map.of(), given -> given
                        .ticket("jira:10001", "SUP-7", null, SignalStatus.OPEN, ticket -> ticket.previousKeys = List.of("OPS-1")),
                        List.of(ticket("jira", "10001", "OPS-1", SignalStatus.OPEN, "To Do")), List.of("TICKET_UPDATE/unlinked"),
                        decisions -> assertThat(decisions.get(0).ticket().previousKeys).containsExactly("SUP-7")),
                row("a ticket a person linked by a key it lost before its first signal is taken over by the move", Map.of(), given -> given
                        .incident("i1", IncidentStatus.IN_PROGRESS, NOW.minusSeconds(60))
                        .ticket("jira:OPS-1", "OPS-1", "i1", null),
                        List.of(ticket("jira", "10001", "SUP-7", SignalStatus.IN_PROGRESS, "In Progress").toBuilder()
                                .labels(Map.of("ticketKey", "SUP-7", "previousKey", "OPS-1")).build()),
                        List.of("TICKET_UPDATE/linked"), decisions -> {
                            Decision update = decisions.get(0);
                            assertThat(update.ticket().id).isEqualTo("jira:10001");
                            assertThat(update.ticket().key).isEqualTo("SUP-7");
                            assertThat(update.ticket().previousKeys).containsExactly("OPS-1");
                            assertThat(update.retiredTicket()).isEqualTo("jira:OPS-1");
                        }),
                row("a note about a linked ticket is one timeline line and changes nothing else", Map.of(), given -> given
                        .incident("i1", IncidentStatus.RESOLVED, NOW.minusSeconds(600))
                        .ticket("jira:10001", "SUP-7", "i1", SignalStatus.IN_PROGRESS),
                        List.of(note("jira", "10001", "SUP-7", "rolled back the release", "Dana Ops")), List.of("NOTE/noted"), decisions -> {
                            Decision noted = decisions.get(0);
                            assertThat(noted.lines()).singleElement().satisfies(line -> {
                                assertThat(line.what()).isEqualTo("comment added on jira:SUP-7");
                                assertThat(line.why()).isEqualTo("Dana Ops: rolled back the release");
                                assertThat(line.actor()).isEqualTo(io.siamhub.model.Actor.provider("jira"));
                                assertThat(line.changes()).isEmpty();
                            });
                            assertThat(noted.incident().status).as("never reopens").isEqualTo(IncidentStatus.RESOLVED);
                            assertThat(noted.incident().lastActivityAt).isEqualTo(NOW.minusSeconds(600));
                            assertThat(noted.incident().signalCount).as("a note is no signal of the incident").isEqualTo(1);
                            assertThat(noted.ticket()).as("no ticket change").isNull();
                        }),
                row("a note about a ticket linked by a key it lost finds it", Map.of(), given -> given
                        .incident("i1", IncidentStatus.NEW, NOW.minusSeconds(60))
                        .ticket("jira:OPS-1", "OPS-1", "i1", null),
                        List.of(note("jira", "10001", "SUP-7", "moved to support", "Dana Ops").toBuilder()
                                .labels(Map.of("ticketKey", "SUP-7", "previousKey", "OPS-1")).build()),
                        List.of("NOTE/noted"), decisions -> assertThat(decisions.get(0).lines()).hasSize(1)),
                row("a note about a ticket nobody linked, or one never seen, is dropped", Map.of(), given -> given
                        .ticket("jira:10001", "SUP-7", null, SignalStatus.OPEN),
                        List.of(note("jira", "10001", "SUP-7", "waiting", "Dana Ops"), note("pagerduty", "PXYZ", "PXYZ", "who?", null)),
                        List.of("IGNORE/unlinked", "IGNORE/unknown-ticket"), decisions -> assertThat(decisions).allSatisfy(decision -> {
                            assertThat(decision.lines()).isEmpty();
                            assertThat(decision.incident()).isNull();
                            assertThat(decision.ticket()).isNull();
                        })),
                row("maintenance notices are the change coordinator's", Map.of(), given -> {
                }, List.of(maintenance()), List.of("IGNORE/ignored"), decisions -> assertThat(decisions.get(0).lines()).isEmpty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theRulesDecide(Row row) {
        Given given = new Given();
        row.given().accept(given);
        for (Signal signal : row.signals()) {
            if (signal.kind() == SignalKind.ALERT) {
                given.placements.putIfAbsent(signal.id(), given.unplaced.contains(signal.fingerprint()) ? unmapped(signal) : given.placement);
            }
        }
        IncidentConfig config = TestConfig.incident(row.settings());
        FlappingDetector flapping = new FlappingDetector(config);
        AtomicLong ids = new AtomicLong();
        SignalRules rules = new SignalRules(config, new PriorityMatrix(config), flapping, new AutoResolvePolicy(config, flapping),
                () -> new UUID(42, ids.incrementAndGet()));
        LoadedState loaded = given.loaded();
        List<Decision> decisions = rules.decide(loaded, row.signals(), NOW);

        assertThat(decisions).extracting(decision -> decision.kind() + "/" + decision.outcome()).containsExactlyElementsOf(row.expected());
        row.then().accept(decisions);
        // the rules never change what was loaded
        assertThat(given.loaded()).usingRecursiveComparison().isEqualTo(loaded);
    }

    // ---- the table's vocabulary

    static Row row(String situation, Map<String, String> settings, Consumer<Given> given, List<Signal> signals, List<String> expected,
            Consumer<List<Decision>> then) {
        return new Row(situation, settings, given, signals, expected, then);
    }

    static TimelineLine line(Decision decision, String what) {
        return decision.lines().stream().filter(line -> line.what().equals(what)).findFirst()
                .orElseThrow(() -> new AssertionError("no line '" + what + "' in " + decision.lines()));
    }

    static String millis(Instant... times) {
        return String.join(",", Stream.of(times).map(time -> Long.toString(time.toEpochMilli())).toList());
    }

    static Signal alert(String fingerprint, SignalStatus status, Instant receivedAt) {
        return Signal.builder().id(UUID.randomUUID().toString()).kind(SignalKind.ALERT).provider("alertmanager").providerRef(fingerprint)
                .fingerprint(fingerprint).status(status).severity(Severity.MAJOR).providerSeverity("critical").title("alert " + fingerprint)
                .resource(new Resource("db-01", "host", "db-01", "eu-west-1", "acme")).labels(Map.of()).occurredAt(receivedAt)
                .receivedAt(receivedAt).build();
    }

    static Signal ticket(String system, String id, String key, SignalStatus status, String providerStatus) {
        return Signal.builder().id(UUID.randomUUID().toString()).kind(SignalKind.TICKET).provider(system).providerRef(id)
                .fingerprint(system + ":" + id).status(status).providerStatus(providerStatus).severity(Severity.MAJOR)
                .title("ticket " + key).labels(Map.of("ticketKey", key)).occurredAt(NOW).receivedAt(NOW).build();
    }

    static Signal rated(Signal ticket, Impact impact, Urgency urgency) {
        return ticket.toBuilder().impact(impact).urgency(urgency).build();
    }

    /** The ticket's assignment as the tool shows it (label {@code assignment}) and the hub owner it stands for ({@code siamOwner}), if any. */
    static Signal assigned(Signal ticket, String assignment, String owner) {
        Map<String, String> labels = new HashMap<>(ticket.labels());
        labels.put(TicketState.ASSIGNMENT_LABEL, assignment);
        if (owner != null) {
            labels.put(TicketState.OWNER_LABEL, owner);
        }
        return ticket.toBuilder().labels(labels).build();
    }

    static Signal synced(Signal ticket, UUID incident) {
        Map<String, String> labels = new HashMap<>(ticket.labels());
        labels.put(TicketState.INCIDENT_LABEL, incident.toString());
        return ticket.toBuilder().labels(labels).build();
    }

    static Signal note(String system, String id, String key, String text, String author) {
        return Signal.builder().id(UUID.randomUUID().toString()).kind(SignalKind.NOTE).provider(system).providerRef(id)
                .fingerprint(system + ":" + id).title("comment added").description(text).author(author).labels(Map.of("ticketKey", key))
                .occurredAt(NOW).receivedAt(NOW).build();
    }

    static Signal maintenance() {
        return Signal.builder().id(UUID.randomUUID().toString()).kind(SignalKind.MAINTENANCE).provider("aws").providerRef("m-1")
                .fingerprint("aws:m-1").status(SignalStatus.SCHEDULED).severity(Severity.INFO).title("maintenance").labels(Map.of())
                .occurredAt(NOW).receivedAt(NOW).build();
    }

    static Placement unmapped(Signal signal) {
        return new Placement(null, null, "service-desk", Impact.MEDIUM, true, "fingerprint:" + signal.fingerprint(), "none");
    }

    /** What was loaded, built by name ({@code i1}, {@code fp-a}); ids are derived from names, so a row can say which is which. */
    static final class Given {

        final Map<String, Placement> placements = new HashMap<>();
        final Map<String, FingerprintState> fingerprints = new HashMap<>();
        final Map<UUID, IncidentState> incidents = new HashMap<>();
        final Map<String, TicketState> tickets = new HashMap<>();
        final List<MaintenanceWindow> windows = new ArrayList<>();
        final List<String> unplaced = new ArrayList<>();
        final Set<String> owners = new java.util.HashSet<>();
        Placement placement = PLACED;

        static UUID uuid(String name) {
            return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        Given incident(String name, IncidentStatus status, Instant lastActive) {
            return incident(name, status, lastActive, incident -> {
            });
        }

        /** An incident of {@link #CI} with one firing fingerprint {@code fp-<name>}, HIGH × HIGH = P1. */
        Given incident(String name, IncidentStatus status, Instant lastActive, Consumer<IncidentState> change) {
            IncidentState incident = new IncidentState();
            incident.id = uuid(name);
            incident.number = "INC-" + name;
            incident.title = "incident " + name;
            incident.status = status;
            incident.impact = Impact.HIGH;
            incident.urgency = Urgency.HIGH;
            incident.priority = Priority.P1;
            incident.service = "payments";
            incident.configurationItem = CI;
            incident.owner = "dba-oncall";
            incident.correlationKey = KEY;
            incident.signalCount = 1;
            incident.firingSignals = 1;
            incident.fingerprints = List.of("fp-" + name);
            incident.firstSeen = lastActive;
            incident.lastSeen = lastActive;
            incident.lastActivityAt = lastActive;
            incident.createdAt = lastActive;
            incident.version = 3;
            change.accept(incident);
            incidents.put(incident.id, incident);
            return this;
        }

        Given fingerprint(String fingerprint, String incident, SignalStatus status) {
            return fingerprint(fingerprint, incident, status, row -> {
            });
        }

        Given fingerprint(String fingerprint, String incident, SignalStatus status, Consumer<FingerprintState> change) {
            FingerprintState row = new FingerprintState();
            row.id = uuid(fingerprint + "@" + incident);
            row.incidentId = uuid(incident);
            row.fingerprint = fingerprint;
            row.provider = "alertmanager";
            row.status = status;
            row.severity = Severity.MAJOR;
            row.firstSeen = NOW.minusSeconds(3600);
            row.lastSeen = NOW.minusSeconds(60);
            row.count = 1;
            row.joinedBy = "correlation.new-incident";
            change.accept(row);
            fingerprints.put(fingerprint, row);
            IncidentState on = incidents.get(row.incidentId);
            on.fingerprints = Stream.concat(on.fingerprints.stream(), Stream.of(fingerprint)).toList();
            return this;
        }

        Given ticket(String id, String key, String incident, SignalStatus status) {
            return ticket(id, key, incident, status, ticket -> {
            });
        }

        Given ticket(String id, String key, String incident, SignalStatus status, Consumer<TicketState> change) {
            TicketState ticket = new TicketState();
            ticket.id = id;
            ticket.system = id.substring(0, id.indexOf(':'));
            ticket.key = key;
            ticket.status = status;
            ticket.providerStatus = status == null ? null : "To Do";
            ticket.incidentId = incident == null ? null : uuid(incident);
            ticket.updatedAt = NOW.minusSeconds(600);
            change.accept(ticket);
            tickets.put(id, ticket);
            return this;
        }

        /** Owners the catalog names (beside the default owner). */
        Given owners(String... names) {
            owners.addAll(List.of(names));
            return this;
        }

        Given window(MaintenanceWindow window) {
            windows.add(window);
            return this;
        }

        Given placedAs(Placement placement) {
            this.placement = placement;
            return this;
        }

        Given unplaced(String fingerprint) {
            unplaced.add(fingerprint);
            return this;
        }

        LoadedState loaded() {
            Map<String, FingerprintState> rows = new HashMap<>();
            fingerprints.forEach((key, row) -> rows.put(key, row.copy()));
            Map<UUID, IncidentState> found = new HashMap<>();
            incidents.forEach((id, incident) -> found.put(id, incident.copy()));
            Map<String, TicketState> ticketRows = new HashMap<>();
            tickets.forEach((id, ticket) -> ticketRows.put(id, ticket.copy()));
            return new LoadedState(placements, rows, found, ticketRows, windows, owners);
        }
    }
}
