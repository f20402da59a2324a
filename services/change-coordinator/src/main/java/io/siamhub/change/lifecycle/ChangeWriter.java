package io.siamhub.change.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.siamhub.change.ChangeConfig;
import io.siamhub.change.calendar.CalendarWindow;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.change.conflict.ConflictDetector;
import io.siamhub.change.conflict.Subject;
import io.siamhub.change.persistence.CalendarWindowEntity;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.change.persistence.ChangeNumbers;
import io.siamhub.kit.outbox.Outbox;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.Actor;
import io.siamhub.model.EventTypes;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.Topics;
import io.siamhub.model.change.ChangeEvent;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.TimelineEntry;
import io.smallrye.mutiny.Uni;

/**
 * The one place changes are written. Every write, in one transaction: takes the calendar lock (so conflict
 * detection across changes never races), loads and checks the change ({@code If-Match}: 412 when stale), applies
 * the {@link Step}, re-detects its conflicts and recomputes its risk, stores it with the next version and its
 * timeline line, appends its events to the outbox ({@code siam.changes.v1}), then re-detects every open change
 * whose window overlaps the change's old or new window and stores those whose conflicts changed (with a
 * {@code conflict-detected} event when one gained a conflict).
 */
@ApplicationScoped
public class ChangeWriter {

    private static final Set<ChangeStatus> CLOSED = EnumSet.of(ChangeStatus.REJECTED, ChangeStatus.COMPLETED, ChangeStatus.FAILED,
            ChangeStatus.CANCELLED, ChangeStatus.BACKED_OUT);
    private static final Actor CALENDAR = Actor.system("conflict-detection");

    private final ChangeConfig config;
    private final CatalogCopy catalog;
    private final Outbox outbox;
    private final Clock clock;
    private final CabRule cab;

    ChangeWriter(ChangeConfig config, CatalogCopy catalog, Outbox outbox, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.outbox = outbox;
        this.clock = clock;
        this.cab = CabRule.of(config.approvals());
    }

    public CabRule cab() {
        return cab;
    }

    /** Creates a change: {@code make} receives the new number and returns the first step. */
    public Uni<ChangeRequest> create(Function<String, Step> make) {
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar().chain(ChangeNumbers::next).chain(number -> {
            Step step = make.apply(number);
            return store(null, null, step);
        }));
    }

    /** Changes one change; {@code ifMatch} as the client sent it (null: no check). */
    public Uni<ChangeRequest> update(String id, String ifMatch, Function<ChangeRequest, Step> mutate) {
        ChangeIds.Key key = ChangeIds.parse(id);
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> key.find(LockModeType.PESSIMISTIC_WRITE))
                .chain(entity -> {
                    if (entity == null) {
                        throw ProblemException.notFound("no change " + id);
                    }
                    ChangeIds.checkVersion(ifMatch, entity.toModel());
                    return store(entity, entity.toModel(), mutate.apply(entity.toModel()));
                }));
    }

    /**
     * Applies a step inside a transaction the caller already opened (and that holds the calendar lock).
     *
     * @param row    the row to write: the loaded one, or a new one (extra columns already set)
     * @param before the change as stored, null for a new one
     */
    public Uni<ChangeRequest> applyInTransaction(ChangeEntity row, ChangeRequest before, Step step) {
        return store(row, before, step);
    }

    /**
     * Re-detects every open change whose window overlaps one of {@code spans} (all open changes when spans is
     * null), storing those whose conflicts changed: after a freeze window, lockdown or maintenance window was
     * created, changed or removed. In the caller's transaction, which must hold the calendar lock.
     */
    public Uni<List<ChangeRequest>> recheck(Collection<TimeWindow> spans, String reason) {
        return neighbours(null, spans).chain(found -> redetectAll(found, null, reason));
    }

    /** The open changes (drafts included) whose windows overlap any of the spans; all open ones when spans is null. */
    public Uni<List<ChangeEntity>> neighbours(UUID except, Collection<TimeWindow> spans) {
        StringBuilder where = new StringBuilder("status not in :closed and windowStart is not null");
        Parameters parameters = Parameters.with("closed", CLOSED.stream().map(Enum::name).toList());
        if (spans != null) {
            List<TimeWindow> known = spans.stream().filter(span -> span != null && span.start() != null && span.end() != null).toList();
            if (known.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            where.append(" and (");
            for (int i = 0; i < known.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("(windowStart < :to").append(i).append(" and windowEnd > :from").append(i).append(')');
                parameters.and("to" + i, known.get(i).end()).and("from" + i, known.get(i).start());
            }
            where.append(')');
        }
        if (except != null) {
            where.append(" and id <> :except");
            parameters.and("except", except);
        }
        return ChangeEntity.<ChangeEntity> find(where.toString(), parameters).list();
    }

    /** The conflicts of {@code change} now, against the stored calendar (for drafts, closed changes and proposals too). */
    public Uni<List<Conflict>> conflictsOf(ChangeRequest change) {
        if (change.window() == null || change.window().end() == null) {
            return Uni.createFrom().item(List.of());
        }
        UUID self = change.id() == null ? null : UUID.fromString(change.id());
        return neighbours(self, List.of(change.window())).chain(others -> windows().map(windows -> {
            CatalogView view = catalog.current();
            return ConflictDetector.detect(Subject.of(change, view, config.dependencyDepth()), candidates(others, view), windows);
        }));
    }

    /** Every freeze window, lockdown and maintenance window. */
    public Uni<List<CalendarWindow>> windows() {
        return CalendarWindowEntity.<CalendarWindowEntity> listAll().map(rows -> rows.stream().map(CalendarWindowEntity::toModel).toList());
    }

    /** Conflict candidates among loaded changes: not drafts (closed ones were never loaded). */
    public List<Subject> candidates(Collection<ChangeEntity> changes, CatalogView view) {
        List<Subject> subjects = new ArrayList<>();
        for (ChangeEntity entity : changes) {
            ChangeRequest change = entity.toModel();
            if (change.status() != ChangeStatus.DRAFT && !change.closed()) {
                subjects.add(Subject.of(change, view, config.dependencyDepth()));
            }
        }
        return subjects;
    }

    private Uni<ChangeRequest> store(ChangeEntity entity, ChangeRequest before, Step step) {
        if (step.kinds().isEmpty()) {
            return Uni.createFrom().item(before);
        }
        Instant now = clock.instant();
        ChangeRequest proposed = step.change();
        List<TimeWindow> spans = new ArrayList<>();
        if (before != null && before.window() != null) {
            spans.add(before.window());
        }
        if (proposed.window() != null) {
            spans.add(proposed.window());
        }
        UUID self = UUID.fromString(proposed.id());
        return neighbours(self, spans).chain(others -> windows().chain(windows -> {
            CatalogView view = catalog.current();
            List<Conflict> conflicts = proposed.closed() ? List.of()
                    : ConflictDetector.detect(Subject.of(proposed, view, config.dependencyDepth()), candidates(others, view), windows);
            Conflict blocking = step.grants() ? unexcepted(proposed, conflicts) : null;
            if (blocking != null) {
                throw ChangeProblems.frozen(proposed, blocking, step.kinds().contains(ChangeEventKind.SUBMITTED) ? "pre-approve"
                        : "keep the approval of");
            }
            ChangeRequest assessed = assess(proposed, conflicts, view);
            List<ChangeEventKind> kinds = new ArrayList<>(step.kinds());
            if (gained(before == null ? List.of() : before.conflicts(), conflicts) && !kinds.contains(ChangeEventKind.CONFLICT_DETECTED)) {
                kinds.add(ChangeEventKind.CONFLICT_DETECTED);
            }
            List<io.siamhub.model.FieldChange> diff = ChangeDiff.of(before, assessed);
            List<TimelineEntry> timeline = new ArrayList<>(assessed.timeline());
            timeline.add(new TimelineEntry(now, step.actor(), step.what(), step.reason(), diff));
            ChangeRequest stored = assessed.toBuilder()
                    .version(before == null ? 1 : before.version() + 1)
                    .createdAt(before == null ? now : before.createdAt())
                    .updatedAt(now)
                    .timeline(timeline)
                    .build();
            ChangeEntity row = entity != null ? entity : new ChangeEntity();
            row.set(stored);
            return row.<ChangeEntity> persist()
                    .chain(() -> publish(stored, kinds, diff, step.actor(), step.reason(), now))
                    .chain(() -> redetectAll(others, stored, "re-checked after " + stored.number() + " changed"))
                    .replaceWith(stored);
        }));
    }

    /**
     * Re-detects the conflicts of each loaded change (with {@code changed} standing in for its stored self)
     * and stores those whose conflicts differ.
     */
    private Uni<List<ChangeRequest>> redetectAll(List<ChangeEntity> rows, ChangeRequest changed, String reason) {
        return windows().chain(windows -> Panache.getSession().chain(session -> {
            CatalogView view = catalog.current();
            Map<UUID, ChangeEntity> byId = new LinkedHashMap<>();
            rows.forEach(row -> byId.put(row.id, row));
            List<Subject> everyone = candidates(rows, view);
            if (changed != null && changed.status() != ChangeStatus.DRAFT && !changed.closed()) {
                everyone.add(Subject.of(changed, view, config.dependencyDepth()));
            }
            Instant now = clock.instant();
            List<ChangeRequest> updated = new ArrayList<>();
            List<Uni<?>> writes = new ArrayList<>();
            List<Outbox.Pending> events = new ArrayList<>();
            for (ChangeEntity row : byId.values()) {
                ChangeRequest before = row.toModel();
                // the others of a neighbour may lie outside the spans loaded: load-free approximation is exact for the
                // pairs involving `changed`; pairs among neighbours are re-derived from what was loaded
                List<Conflict> conflicts = ConflictDetector.detect(Subject.of(before, view, config.dependencyDepth()),
                        everyone.stream().filter(subject -> !row.id.toString().equals(subject.id())).toList(), windows);
                List<Conflict> kept = keepOutside(before.conflicts(), conflicts, byId.keySet(), changed, before.window());
                if (kept.equals(before.conflicts())) {
                    continue;
                }
                ChangeRequest assessed = assess(before.toBuilder().conflicts(kept).build(), kept, view);
                ChangeEventKind kind = gained(before.conflicts(), kept) ? ChangeEventKind.CONFLICT_DETECTED : ChangeEventKind.UPDATED;
                List<io.siamhub.model.FieldChange> diff = ChangeDiff.of(before, assessed);
                List<TimelineEntry> timeline = new ArrayList<>(assessed.timeline());
                timeline.add(new TimelineEntry(now, CALENDAR, kind == ChangeEventKind.CONFLICT_DETECTED ? "conflict detected"
                        : "conflicts re-checked", reason, diff));
                ChangeRequest stored = assessed.toBuilder().version(before.version() + 1).updatedAt(now).timeline(timeline).build();
                row.set(stored);
                updated.add(stored);
                events.add(pending(stored, kind, diff, CALENDAR, reason, now));
            }
            if (updated.isEmpty()) {
                return Uni.createFrom().item(updated);
            }
            return session.flush().chain(() -> outbox.appendAll(events)).replaceWith(updated);
        }));
    }

    /**
     * A neighbour's conflicts with changes that were not loaded (outside the spans) cannot have changed: keep
     * those from before, and take the fresh ones for everything that was loaded, the calendar windows included.
     */
    private static List<Conflict> keepOutside(List<Conflict> before, List<Conflict> fresh, Set<UUID> loaded, ChangeRequest changed,
            TimeWindow window) {
        Set<String> known = new HashSet<>();
        loaded.forEach(id -> known.add(id.toString()));
        if (changed != null) {
            known.add(changed.id());
        }
        List<Conflict> merged = new ArrayList<>(fresh);
        for (Conflict conflict : before) {
            boolean aboutAChange = conflict.kind() != io.siamhub.model.change.ConflictKind.FREEZE_WINDOW
                    && conflict.kind() != io.siamhub.model.change.ConflictKind.LOCKDOWN
                    && conflict.kind() != io.siamhub.model.change.ConflictKind.OUTSIDE_MAINTENANCE_WINDOW;
            if (aboutAChange && !known.contains(conflict.with()) && !merged.contains(conflict)) {
                merged.add(conflict);
            }
        }
        merged.sort(java.util.Comparator.comparing(Conflict::kind).thenComparing(conflict -> conflict.window() == null ? null
                : conflict.window().start(), java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                .thenComparing(Conflict::with));
        return merged;
    }

    /** Sets conflicts, the computed risk (unless a person set it) and the approvals the risk needs. */
    private ChangeRequest assess(ChangeRequest change, List<Conflict> conflicts, CatalogView view) {
        ChangeRequest.Builder builder = change.toBuilder().conflicts(conflicts);
        if (!change.riskOverridden()) {
            RiskAssessment.Assessed assessed = RiskAssessment.assess(change, view, conflicts);
            builder.risk(assessed.risk()).riskReason(assessed.reason());
            return builder.requiredApprovals(cab.required(assessed.risk())).build();
        }
        return builder.requiredApprovals(cab.required(change.risk())).build();
    }

    /**
     * The first blocking conflict (a hard freeze or lockdown) that stands in the way of approving {@code change}: none
     * when it has none, or when it is an EMERGENCY change with an approved exception.
     */
    public static Conflict unexcepted(ChangeRequest change, List<Conflict> conflicts) {
        if (change.type() == ChangeType.EMERGENCY && change.freezeException() != null) {
            return null;
        }
        return conflicts.stream().filter(Conflict::blocking).findFirst().orElse(null);
    }

    /** Whether {@code after} names a (kind, other side) that {@code before} did not. */
    static boolean gained(List<Conflict> before, List<Conflict> after) {
        Set<String> known = new HashSet<>();
        before.forEach(conflict -> known.add(conflict.kind() + "|" + conflict.with()));
        return after.stream().anyMatch(conflict -> !known.contains(conflict.kind() + "|" + conflict.with()));
    }

    private Uni<Void> publish(ChangeRequest change, List<ChangeEventKind> kinds, List<io.siamhub.model.FieldChange> diff, Actor actor,
            String reason, Instant now) {
        List<Outbox.Pending> events = new ArrayList<>();
        for (ChangeEventKind kind : kinds) {
            events.add(pending(change, kind, diff, actor, reason, now));
        }
        return outbox.appendAll(events);
    }

    private static Outbox.Pending pending(ChangeRequest change, ChangeEventKind kind, List<io.siamhub.model.FieldChange> diff, Actor actor,
            String reason, Instant now) {
        return new Outbox.Pending(Topics.CHANGES, change.id(), EventTypes.change(kind), change.number(),
                new ChangeEvent(kind, change, diff, actor, reason, now));
    }
}
