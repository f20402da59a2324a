package io.siamhub.sla.clock;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;

import io.siamhub.model.Priority;
import io.siamhub.model.SiamJson;
import io.siamhub.model.incident.IncidentEventKind;
import io.siamhub.model.incident.IncidentStatus;
import io.siamhub.model.sla.AgreementType;
import io.siamhub.model.sla.ClockState;
import io.siamhub.model.sla.SlaMetric;
import io.siamhub.sla.engine.Clock;
import io.siamhub.sla.engine.IncidentObservation;

/** Maps the engine's records to rows and back. Writing a row from a clock overwrites every column. */
public final class ClockRows {

    private static final JavaType SEGMENTS = SiamJson.mapper().getTypeFactory().constructCollectionType(List.class, Clock.Segment.class);
    private static final JavaType TIMELINE = SiamJson.mapper().getTypeFactory().constructCollectionType(List.class,
            Clock.TimelineEntry.class);

    private ClockRows() {
    }

    public static Clock clock(ClockEntity row) {
        return new Clock(row.id, row.incidentId.toString(), row.incidentNumber, row.definitionId, row.generation,
                AgreementType.valueOf(row.type), row.party, SlaMetric.valueOf(row.metric), row.calendarId, Duration.parse(row.target),
                stages(row.stages), row.priority == null ? null : Priority.valueOf(row.priority), row.service, row.owner,
                ClockState.valueOf(row.state), row.breached, row.breachedAt, row.startedAt, row.stoppedAt, row.dueAt,
                Duration.parse(row.elapsed), Duration.parse(row.remaining), row.stage, row.runningSince,
                row.elapsedBefore == null ? null : Duration.parse(row.elapsedBefore), row.nextDueAt, row.evaluatedAt,
                read(row.segments, SEGMENTS), read(row.timeline, TIMELINE));
    }

    /** Writes every column of {@code clock} into {@code row} (a new or a managed entity). */
    public static ClockEntity write(Clock clock, ClockEntity row) {
        row.id = clock.id();
        row.incidentId = UUID.fromString(clock.incidentId());
        row.incidentNumber = clock.incidentNumber();
        row.definitionId = clock.definitionId();
        row.generation = clock.generation();
        row.type = clock.type().name();
        row.party = clock.party();
        row.metric = clock.metric().name();
        row.calendarId = clock.calendarId();
        row.target = clock.target().toString();
        row.stages = clock.stages().stream().map(String::valueOf).collect(Collectors.joining(","));
        row.priority = clock.priority() == null ? null : clock.priority().name();
        row.service = clock.service();
        row.owner = clock.owner();
        row.state = clock.state().name();
        row.breached = clock.breached();
        row.breachedAt = clock.breachedAt();
        row.startedAt = clock.startedAt();
        row.stoppedAt = clock.stoppedAt();
        row.dueAt = clock.dueAt();
        row.elapsed = clock.elapsed().toString();
        row.remaining = clock.remaining().toString();
        row.stage = clock.stage();
        row.runningSince = clock.runningSince();
        row.elapsedBefore = clock.elapsedBefore() == null ? null : clock.elapsedBefore().toString();
        row.nextDueAt = clock.nextDueAt();
        row.evaluatedAt = clock.evaluatedAt();
        row.segments = json(clock.segments());
        row.timeline = json(clock.timeline());
        return row;
    }

    public static IncidentObservation observation(ObservationEntity row) {
        return new IncidentObservation(row.version, row.ceId, IncidentEventKind.valueOf(row.kind), row.at, row.number,
                IncidentStatus.valueOf(row.status), row.priority == null ? null : Priority.valueOf(row.priority), row.service,
                row.configurationItem, row.owner, row.maintenance, row.createdAt, row.acknowledgedAt, row.resolvedAt, row.closedAt, row.why);
    }

    public static ObservationEntity row(UUID incidentId, IncidentObservation observation) {
        ObservationEntity row = new ObservationEntity();
        row.incidentId = incidentId;
        row.version = observation.version();
        row.ceId = observation.ceId();
        row.kind = observation.kind().name();
        row.at = observation.at();
        row.number = observation.number();
        row.status = observation.status().name();
        row.priority = observation.priority() == null ? null : observation.priority().name();
        row.service = observation.service();
        row.configurationItem = observation.configurationItem();
        row.owner = observation.owner();
        row.maintenance = observation.maintenance();
        row.createdAt = observation.createdAt();
        row.acknowledgedAt = observation.acknowledgedAt();
        row.resolvedAt = observation.resolvedAt();
        row.closedAt = observation.closedAt();
        row.why = observation.why();
        return row;
    }

    private static List<Integer> stages(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
    }

    private static String json(Object value) {
        try {
            return SiamJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return SiamJson.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored clock's " + type + " cannot be read", e);
        }
    }
}
