package io.siamhub.sla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.siamhub.model.Priority;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaEvent;
import io.siamhub.model.sla.SlaEventKind;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.calendar.BusinessCalendar;
import io.siamhub.sla.calendar.CalendarParser;
import io.siamhub.sla.calendar.CalendarSpec;
import io.siamhub.sla.definition.AppliesTo;
import io.siamhub.sla.definition.SlaDefinition;

/** The clock engine's decisions from histories, with the time driven by the test. No database, no broker. */
class ClockEngineTest {

    static final BusinessCalendar ALWAYS = CalendarParser.parse(new CalendarSpec("24x7", "UTC", null, true, null));
    static final BusinessCalendar BERLIN = CalendarParser.parse(new CalendarSpec("Berlin", "Europe/Berlin",
            java.util.stream.Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").collect(Collectors.toMap(day -> day,
                    day -> List.of(new CalendarSpec.OpenHours("09:00", "12:00"), new CalendarSpec.OpenHours("13:00", "17:00")))),
            null, null));
    static final Map<String, BusinessCalendar> CALENDARS = Map.of("always", ALWAYS, "berlin", BERLIN);

    static SlaDefinition definition(String id, AgreementType type, String party, SlaMetric metric, List<Priority> priorities,
            String target, String calendar, List<Integer> stages, Set<IncidentStatus> pauseWhile, boolean retroactive) {
        return new SlaDefinition(id, id, type, party, metric, new AppliesTo(priorities, null, null, null, null), Duration.parse(target),
                calendar, stages, pauseWhile, false, retroactive);
    }

    static SlaDefinition sla(String id, SlaMetric metric, Priority priority, String target, String calendar, Integer... stages) {
        return definition(id, AgreementType.SLA, "integrator", metric, List.of(priority), target, calendar, List.of(stages),
                Set.of(IncidentStatus.ON_HOLD), false);
    }

    /** Evaluates step by step, keeping what was stored between steps, as the service does. */
    static final class Run {
        final List<SlaDefinition> definitions = new ArrayList<>();
        final Map<String, BusinessCalendar> calendars = new java.util.HashMap<>(CALENDARS);
        List<Clock> stored = List.of();
        final List<SlaEvent> published = new ArrayList<>();

        Run(SlaDefinition... definitions) {
            this.definitions.addAll(List.of(definitions));
        }

        List<SlaEvent> step(List<IncidentObservation> history, String now) {
            return step(history, now, null);
        }

        List<SlaEvent> step(List<IncidentObservation> history, String now, String recompute) {
            ClockEngine.Evaluation evaluation = ClockEngine.evaluate(History.INCIDENT, history, definitions, calendars, History.PARTIES,
                    stored, Instant.parse(now), recompute, recompute == null ? changesFrom(history) : Instant.parse(now));
            stored = evaluation.clocks();
            published.addAll(evaluation.events());
            return evaluation.events();
        }

        /** The first observation this run has not evaluated before. */
        private Instant changesFrom(List<IncidentObservation> history) {
            Instant from = null;
            for (IncidentObservation observation : history) {
                if (observation.version() > seenVersion && (from == null || observation.at().isBefore(from))) {
                    from = observation.at();
                }
            }
            seenVersion = history.stream().mapToLong(IncidentObservation::version).max().orElse(seenVersion);
            return from;
        }

        private long seenVersion;

        /** What the scheduler does when a clock's next due instant has come. */
        List<SlaEvent> timer(String now) {
            List<SlaEvent> events = new ArrayList<>();
            List<Clock> advanced = new ArrayList<>();
            for (Clock clock : stored) {
                Clock next = ClockTimer.advance(clock, calendars.get(clock.calendarId()), Instant.parse(now));
                events.addAll(ClockEvents.between(clock, next, null, Instant.parse(now)));
                advanced.add(next);
            }
            stored = advanced;
            published.addAll(events);
            return events;
        }

        Clock clock(String definition) {
            return stored.stream().filter(clock -> clock.definitionId().equals(definition)).reduce((a, b) -> b).orElseThrow();
        }

        List<Clock> clocks(String definition) {
            return stored.stream().filter(clock -> clock.definitionId().equals(definition)).toList();
        }

        List<String> kinds(String definition) {
            return published.stream().filter(event -> event.definitionId().equals(definition))
                    .map(event -> event.kind() + (event.stagePercent() == null ? "" : " " + event.stagePercent())).toList();
        }
    }

    @Test
    void aPauseOverTheNightMovesTheDueInstantByTheBusinessTimeInsideThePauseOnly() {
        Run run = new Run(sla("p3-resolution", SlaMetric.RESOLUTION, Priority.P3, "PT8H", "berlin"));
        // Monday 2026-11-23 09:00 CET; without a pause 8 business hours end Tuesday 10:00 CET
        History history = History.opened("2026-11-23T08:00:00Z", Priority.P3, "service-desk");
        run.step(history.observations(), "2026-11-23T08:00:00Z");
        assertThat(run.clock("p3-resolution").dueAt()).isEqualTo("2026-11-24T09:00:00Z");

        // on hold Monday 16:00 CET until Tuesday 10:00 CET: 2 business hours inside the pause (16-17 and 9-10)
        history.start("2026-11-23T08:05:00Z").hold("2026-11-23T15:00:00Z");
        run.step(history.observations(), "2026-11-23T15:00:00Z");
        assertThat(run.clock("p3-resolution").state()).isEqualTo(ClockState.PAUSED);
        assertThat(run.clock("p3-resolution").dueAt()).isNull();
        history.resume("2026-11-24T09:00:00Z");
        run.step(history.observations(), "2026-11-24T09:00:00Z");

        Clock clock = run.clock("p3-resolution");
        assertThat(clock.dueAt()).as("moved by 2 business hours, not by the 17 wall hours of the pause").isEqualTo("2026-11-24T11:00:00Z");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofHours(6));
        assertThat(clock.segments()).extracting(Clock.Segment::state).containsExactly(ClockState.RUNNING, ClockState.PAUSED, ClockState.RUNNING);
        assertThat(clock.segments().get(1).reason()).isEqualTo("status ON_HOLD");
        assertThat(run.kinds("p3-resolution")).containsExactly("STARTED", "PAUSED", "RESUMED");
    }

    @Test
    void aRetroactiveStartCountsFromCreationAndReplaysThePausesSince() {
        SlaDefinition p1 = definition("p1-resolution", AgreementType.SLA, "integrator", SlaMetric.RESOLUTION, List.of(Priority.P1), "PT4H",
                "always", List.of(50, 75, 90), Set.of(IncidentStatus.ON_HOLD), true);
        Run run = new Run(p1);
        // opened as P3 at 08:00, on hold 08:10-11:50, raised to P1 at 12:00: 20 minutes used, not 4 hours
        History history = History.opened("2026-11-23T08:00:00Z", Priority.P3, "service-desk").start("2026-11-23T08:05:00Z")
                .hold("2026-11-23T08:10:00Z").resume("2026-11-23T11:50:00Z").priority("2026-11-23T12:00:00Z", Priority.P1);
        List<SlaEvent> events = run.step(history.observations(), "2026-11-23T12:00:00Z");

        Clock clock = run.clock("p1-resolution");
        assertThat(clock.startedAt()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(20));
        assertThat(clock.breached()).as("ServiceNow's retroactive start without pauses breaches here; this one does not").isFalse();
        assertThat(clock.dueAt()).isEqualTo("2026-11-23T15:40:00Z");
        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.STARTED);
        assertThat(events.get(0).occurredAt()).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(clock.segments()).extracting(Clock.Segment::state)
                .containsExactly(ClockState.RUNNING, ClockState.PAUSED, ClockState.RUNNING);
        assertThat(clock.timeline()).filteredOn(Clock.TimelineEntry::replayed).isNotEmpty();
    }

    @Test
    void withoutRetroactiveStartALateDefinitionCountsFromWhenItStartsToApply() {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always"));
        History history = History.opened("2026-11-23T08:00:00Z", Priority.P3, "service-desk").priority("2026-11-23T12:00:00Z", Priority.P1);
        run.step(history.observations(), "2026-11-23T12:00:00Z");

        assertThat(run.clock("p1-resolution").startedAt()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(run.clock("p1-resolution").dueAt()).isEqualTo("2026-11-23T16:00:00Z");
    }

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-11-23T10:49:59.999Z |                  | 2026-11-23T10:50:00Z
            2026-11-23T10:50:00Z     | AT_RISK 50       | 2026-11-23T11:15:00Z
            2026-11-23T11:29:59Z     | AT_RISK 50,AT_RISK 75 | 2026-11-23T11:30:00Z
            2026-11-23T11:30:00Z     | AT_RISK 50,AT_RISK 75,AT_RISK 90 | 2026-11-23T11:40:00.001Z
            2026-11-23T11:40:00Z     | AT_RISK 50,AT_RISK 75,AT_RISK 90 | 2026-11-23T11:40:00.001Z
            2026-11-23T11:40:00.001Z | AT_RISK 50,AT_RISK 75,AT_RISK 90,BREACHED |
            """)
    void stagesAndBreachFireAtTheirInstants(String now, String expected, String nextDue) {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT100M", "always", 50, 75, 90));
        run.step(History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk").observations(), "2026-11-23T10:00:00Z");
        assertThat(run.clock("p1-resolution").nextDueAt()).isEqualTo("2026-11-23T10:50:00Z");

        List<SlaEvent> events = run.timer(now);

        List<String> kinds = events.stream().map(event -> event.kind() + (event.stagePercent() == null ? "" : " " + event.stagePercent()))
                .toList();
        assertThat(kinds).isEqualTo(expected == null ? List.of() : List.of(expected.split(",")));
        assertThat(run.clock("p1-resolution").nextDueAt()).isEqualTo(nextDue == null ? null : Instant.parse(nextDue));
        if (kinds.contains("BREACHED")) {
            SlaEvent breach = events.get(events.size() - 1);
            assertThat(breach.occurredAt()).isEqualTo("2026-11-23T11:40:00Z");
            assertThat(breach.breached()).isTrue();
            assertThat(run.clock("p1-resolution").breachedAt()).isEqualTo("2026-11-23T11:40:00Z");
            assertThat(run.clock("p1-resolution").state()).as("still running after the breach").isEqualTo(ClockState.RUNNING);
        }
    }

    @Test
    void aStageAndABreachOnBusinessHoursFallOnOpenTimeOrAClosingBoundaryNeverAtMidnight() {
        Run run = new Run(sla("p3-resolution", SlaMetric.RESOLUTION, Priority.P3, "PT8H", "berlin", 50));
        // Monday 16:00 CET: 1 h Monday, then Tuesday
        run.step(History.opened("2026-11-23T15:00:00Z", Priority.P3, "service-desk").observations(), "2026-11-23T15:00:00Z");
        assertThat(run.clock("p3-resolution").nextDueAt()).as("4 h used: Tuesday 12:00 CET, the morning's closing").isEqualTo("2026-11-24T11:00:00Z");

        assertThat(run.timer("2026-11-23T23:00:00Z")).as("nothing at midnight").isEmpty();
        assertThat(run.timer("2026-11-24T11:00:00Z")).extracting(SlaEvent::kind).containsExactly(SlaEventKind.AT_RISK);
        assertThat(run.clock("p3-resolution").dueAt()).as("due Tuesday 17:00 CET, a closing time").isEqualTo("2026-11-24T16:00:00Z");
        assertThat(run.timer("2026-11-24T23:59:00Z")).extracting(SlaEvent::occurredAt).containsExactly(Instant.parse("2026-11-24T16:00:00Z"));
    }

    @Test
    void aUcClockFollowsOwnershipFromProviderAToBAndBack() {
        SlaDefinition awsUc = definition("uc-aws", AgreementType.UC, "aws", SlaMetric.RESOLUTION, List.of(), "PT4H", "always", List.of(),
                Set.of(), false);
        SlaDefinition azureUc = definition("uc-azure", AgreementType.UC, "azure", SlaMetric.RESOLUTION, List.of(), "PT4H", "always", List.of(),
                Set.of(), false);
        SlaDefinition customer = sla("p2-resolution", SlaMetric.RESOLUTION, Priority.P2, "PT8H", "always");
        Run run = new Run(awsUc, azureUc, customer);
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P2, "aws").acknowledge("2026-11-23T10:10:00Z")
                .assign("2026-11-23T11:00:00Z", "azure").assign("2026-11-23T12:00:00Z", "aws").resolve("2026-11-23T13:00:00Z");
        for (IncidentObservation step : history.observations()) {
            run.step(history.until(step.at().toString()), step.at().toString());
        }

        Clock aws = run.clock("uc-aws");
        assertThat(aws.state()).isEqualTo(ClockState.MET);
        assertThat(aws.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(aws.segments()).extracting(Clock.Segment::state, Clock.Segment::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClockState.RUNNING, null),
                org.assertj.core.groups.Tuple.tuple(ClockState.PAUSED, "owned by azure"),
                org.assertj.core.groups.Tuple.tuple(ClockState.RUNNING, null),
                org.assertj.core.groups.Tuple.tuple(ClockState.MET, "resolved"));
        assertThat(run.kinds("uc-aws")).containsExactly("STARTED", "PAUSED", "RESUMED", "MET");
        assertThat(run.clocks("uc-aws")).as("one UC clock per provider, with segments").hasSize(1);

        Clock azure = run.clock("uc-azure");
        assertThat(azure.startedAt()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(azure.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(run.kinds("uc-azure")).containsExactly("STARTED", "PAUSED", "MET");
        assertThat(run.clock("p2-resolution").elapsed()).as("the customer SLA runs throughout").isEqualTo(Duration.ofHours(3));
        assertThat(run.published).filteredOn(event -> event.definitionId().equals("uc-aws")).allSatisfy(event -> {
            assertThat(event.provider()).isEqualTo("aws");
            assertThat(event.party()).isEqualTo("aws");
        });
    }

    @Test
    void aUcResponseClockStopsWhenTheOwnerChangesAway() {
        SlaDefinition response = definition("uc-aws-response", AgreementType.UC, "aws", SlaMetric.RESPONSE, List.of(), "PT30M", "always",
                List.of(), Set.of(), false);
        Run run = new Run(response);
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P2, "aws").assign("2026-11-23T10:10:00Z", "azure");
        run.step(history.observations(), "2026-11-23T10:10:00Z");

        assertThat(run.clock("uc-aws-response").state()).isEqualTo(ClockState.MET);
        assertThat(run.clock("uc-aws-response").timeline()).extracting(Clock.TimelineEntry::detail).contains("met: handed over to azure");
    }

    @Test
    void aDefinitionChangedMidIncidentIsRecomputedWithTheOldAndNewDue() {
        Run run = new Run(sla("p2-resolution", SlaMetric.RESOLUTION, Priority.P2, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P2, "service-desk").start("2026-11-23T10:05:00Z")
                .hold("2026-11-23T11:00:00Z").resume("2026-11-23T12:00:00Z");
        run.step(history.observations(), "2026-11-23T12:30:00Z");
        assertThat(run.clock("p2-resolution").dueAt()).isEqualTo("2026-11-23T15:00:00Z");

        run.definitions.set(0, sla("p2-resolution", SlaMetric.RESOLUTION, Priority.P2, "PT8H", "always"));
        List<SlaEvent> events = run.step(history.observations(), "2026-11-23T12:31:00Z", "definition p2-resolution changed");

        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.RECOMPUTED);
        assertThat(events.get(0).previousDueAt()).isEqualTo("2026-11-23T15:00:00Z");
        assertThat(events.get(0).dueAt()).as("the pause of an hour is kept: nothing is lost").isEqualTo("2026-11-23T19:00:00Z");
        assertThat(events.get(0).reason()).contains("definition p2-resolution changed");
    }

    @Test
    void aCalendarEditedMidClockRecomputesRunningClocksAndLeavesFinishedOnesAlone() {
        Run run = new Run(sla("p3-resolution", SlaMetric.RESOLUTION, Priority.P3, "PT8H", "berlin"),
                sla("p3-response", SlaMetric.RESPONSE, Priority.P3, "PT1H", "berlin"));
        History history = History.opened("2026-11-23T08:00:00Z", Priority.P3, "service-desk").acknowledge("2026-11-23T08:30:00Z");
        run.step(history.observations(), "2026-11-23T09:00:00Z");
        Clock response = run.clock("p3-response");
        assertThat(response.state()).isEqualTo(ClockState.MET);
        assertThat(run.clock("p3-resolution").dueAt()).isEqualTo("2026-11-24T09:00:00Z");

        run.calendars.put("berlin", ALWAYS);
        List<SlaEvent> events = run.step(history.observations(), "2026-11-23T09:00:00Z", "calendar berlin changed");

        assertThat(events).extracting(SlaEvent::kind, SlaEvent::definitionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SlaEventKind.RECOMPUTED, "p3-resolution"));
        assertThat(run.clock("p3-resolution").dueAt()).isEqualTo("2026-11-23T16:00:00Z");
        assertThat(run.clock("p3-response")).as("finished clocks keep their result").isEqualTo(response);
    }

    @Test
    void aPriorityLoweredCancelsTheClockAndRaisedAgainAttachesANewOne() {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk");
        run.step(history.observations(), "2026-11-23T10:00:00Z");
        history.priority("2026-11-23T10:30:00Z", Priority.P3);
        List<SlaEvent> events = run.step(history.observations(), "2026-11-23T10:30:00Z");

        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.CANCELLED);
        assertThat(events.get(0).reason()).contains("no longer applies").contains("P3");
        assertThat(run.clock("p1-resolution").state()).isEqualTo(ClockState.CANCELLED);

        history.priority("2026-11-23T11:00:00Z", Priority.P1);
        run.step(history.observations(), "2026-11-23T11:00:00Z");
        assertThat(run.clocks("p1-resolution")).extracting(Clock::generation, Clock::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ClockState.CANCELLED),
                        org.assertj.core.groups.Tuple.tuple(2, ClockState.RUNNING));
        assertThat(run.clocks("p1-resolution").get(0).id()).isNotEqualTo(run.clocks("p1-resolution").get(1).id());
    }

    @Test
    void theSameHistoryEvaluatedAgainPublishesNothingNew() {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always", 50));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk").hold("2026-11-23T10:30:00Z");
        assertThat(run.step(history.observations(), "2026-11-23T10:30:00Z")).isNotEmpty();

        assertThat(run.step(history.observations(), "2026-11-23T10:31:00Z")).isEmpty();
        assertThat(run.step(history.observations(), "2026-11-23T10:32:00Z", "recompute")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            resolved before the target         | 2026-11-23T11:00:00Z | MET      | false | STARTED,MET
            resolved exactly at the due instant | 2026-11-23T14:00:00Z | MET      | false | STARTED,MET
            resolved after the target          | 2026-11-23T14:00:01Z | BREACHED | true  | STARTED,BREACHED,STOPPED
            """)
    void aResolutionClockStopsMetOrBreachedByComparingInstants(String why, String resolvedAt, ClockState state, boolean breached,
            String kinds) {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk").resolve(resolvedAt);
        run.step(history.observations(), resolvedAt);

        assertThat(run.clock("p1-resolution").state()).as(why).isEqualTo(state);
        assertThat(run.clock("p1-resolution").breached()).isEqualTo(breached);
        assertThat(run.kinds("p1-resolution")).isEqualTo(List.of(kinds.split(",")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            acknowledged in time      | ack     | 2026-11-23T10:20:00Z | MET
            acknowledged late         | ack     | 2026-11-23T10:40:00Z | BREACHED
            resolved without an ack   | resolve | 2026-11-23T10:20:00Z | MET
            closed without resolution | close   | 2026-11-23T10:20:00Z | CANCELLED
            """)
    void aResponseClockStopsOnAcknowledgement(String why, String action, String at, ClockState state) {
        Run run = new Run(sla("p1-response", SlaMetric.RESPONSE, Priority.P1, "PT30M", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk");
        switch (action) {
            case "ack" -> history.acknowledge(at);
            case "resolve" -> history.resolve(at);
            default -> history.close(at);
        }
        run.step(history.observations(), at);

        assertThat(run.clock("p1-response").state()).as(why).isEqualTo(state);
        assertThat(run.clock("p1-response").stoppedAt()).isEqualTo(at);
    }

    @Test
    void aReopenResumesTheResolutionClockAndTheResolvedSpanIsNotCounted() {
        Run run = new Run(sla("p2-resolution", SlaMetric.RESOLUTION, Priority.P2, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P2, "service-desk").acknowledge("2026-11-23T10:05:00Z")
                .resolve("2026-11-23T11:00:00Z");
        run.step(history.observations(), "2026-11-23T11:00:00Z");
        history.reopen("2026-11-23T12:00:00Z");
        run.step(history.observations(), "2026-11-23T12:00:00Z");
        history.resolve("2026-11-23T12:30:00Z");
        run.step(history.observations(), "2026-11-23T12:30:00Z");

        Clock clock = run.clock("p2-resolution");
        assertThat(clock.state()).isEqualTo(ClockState.MET);
        assertThat(clock.elapsed()).isEqualTo(Duration.ofMinutes(90));
        assertThat(run.kinds("p2-resolution")).containsExactly("STARTED", "MET", "RESUMED", "MET");
        assertThat(clock.segments()).extracting(Clock.Segment::state)
                .containsExactly(ClockState.RUNNING, ClockState.MET, ClockState.RUNNING, ClockState.MET);
    }

    @Test
    void aDeletedDefinitionCancelsItsRunningClocks() {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk");
        run.step(history.observations(), "2026-11-23T10:00:00Z");
        run.definitions.clear();

        List<SlaEvent> events = run.step(history.observations(), "2026-11-23T10:10:00Z", "definition p1-resolution deleted");

        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.CANCELLED);
        assertThat(run.clock("p1-resolution").stoppedAt()).isEqualTo("2026-11-23T10:10:00Z");
    }

    @Test
    void aDefinitionAddedAfterTheIncidentWasResolvedCreatesNoClockForItsPast() {
        Run run = new Run(sla("p2-resolution", SlaMetric.RESOLUTION, Priority.P2, "PT4H", "always"));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk").resolve("2026-11-23T11:00:00Z");
        run.step(history.observations(), "2026-11-23T11:00:00Z");
        run.definitions.add(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT4H", "always"));

        assertThat(run.step(history.observations(), "2026-11-23T12:00:00Z", "definition p1-resolution added")).isEmpty();
        history.close("2026-11-23T13:00:00Z");
        assertThat(run.step(history.observations(), "2026-11-23T13:00:00Z")).as("a later event does not create it either").isEmpty();
        assertThat(run.stored).isEmpty();
    }

    @Test
    void theTimelineSaysWhyAClockBreached() {
        Run run = new Run(sla("p1-resolution", SlaMetric.RESOLUTION, Priority.P1, "PT1H", "always", 50));
        History history = History.opened("2026-11-23T10:00:00Z", Priority.P1, "service-desk").hold("2026-11-23T10:10:00Z")
                .resume("2026-11-23T10:20:00Z").resolve("2026-11-23T11:30:00Z");
        run.step(history.observations(), "2026-11-23T11:30:00Z");

        assertThat(run.clock("p1-resolution").timeline()).extracting(Clock.TimelineEntry::what)
                .containsExactly("started", "paused", "resumed", "at-risk", "breached", "stopped");
        assertThat(run.clock("p1-resolution").timeline().get(1).cause()).contains("INC0000001").contains("v2").contains("user alice");
        assertThat(run.clock("p1-resolution").breachedAt()).isEqualTo("2026-11-23T11:10:00Z");
        assertThat(run.published.stream().map(SlaEvent::kind).collect(Collectors.toList()))
                .containsExactly(SlaEventKind.STARTED, SlaEventKind.PAUSED, SlaEventKind.RESUMED, SlaEventKind.AT_RISK, SlaEventKind.BREACHED,
                        SlaEventKind.STOPPED);
    }
}
