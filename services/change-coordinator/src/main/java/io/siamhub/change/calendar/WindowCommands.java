package io.siamhub.change.calendar;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.conflict.ConflictDetector;
import io.siamhub.change.lifecycle.ChangeCommands;
import io.siamhub.change.lifecycle.ChangeIds;
import io.siamhub.change.lifecycle.ChangeProblems;
import io.siamhub.change.lifecycle.ChangeWriter;
import io.siamhub.change.lifecycle.Step;
import io.siamhub.change.persistence.CalendarWindowEntity;
import io.siamhub.change.persistence.ChangeEntity;
import io.siamhub.change.persistence.ChangeNumbers;
import io.siamhub.kit.problem.Problem;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.Actor;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Freeze windows, lockdowns and maintenance windows: create, replace, delete. After each, every open change is
 * re-checked (a freeze created after a change was approved still finds it); a new lockdown puts the SUBMITTED,
 * APPROVED and SCHEDULED RFCs inside it ON_HOLD (a provider's maintenance only gets the conflict), and its end or
 * deletion releases them.
 */
@ApplicationScoped
public class WindowCommands {

    static final Actor LOCKDOWN = Actor.system("lockdown");
    private static final Set<ChangeStatus> HOLDABLE = Set.of(ChangeStatus.SUBMITTED, ChangeStatus.APPROVED, ChangeStatus.SCHEDULED);

    private final ChangeWriter writer;
    private final CatalogCopy catalog;
    private final Clock clock;

    WindowCommands(ChangeWriter writer, CatalogCopy catalog, Clock clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Every window of the given kinds, by name. */
    public Uni<List<CalendarWindow>> list(Set<WindowKind> kinds) {
        return Panache.withSession(() -> CalendarWindowEntity.<CalendarWindowEntity> list("kind in ?1", kinds.stream().map(Enum::name).toList()))
                .map(rows -> rows.stream().map(CalendarWindowEntity::toModel)
                        .sorted(Comparator.comparing(CalendarWindow::name).thenComparing(CalendarWindow::id)).toList());
    }

    public Uni<CalendarWindow> get(String id, Set<WindowKind> kinds) {
        UUID uuid = parse(id);
        return Panache.withSession(() -> CalendarWindowEntity.<CalendarWindowEntity> findById(uuid)).map(row -> {
            if (row == null || !kinds.contains(WindowKind.valueOf(row.kind))) {
                throw ProblemException.notFound("no such window " + id);
            }
            return row.toModel();
        });
    }

    public Uni<CalendarWindow> create(WindowRequest request, WindowKind kind, String user) {
        CalendarWindow window = parsed(request, UUID.randomUUID().toString(), kind, user, null, 1);
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> new CalendarWindowEntity().set(window).persist())
                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                .chain(() -> writer.recheck(null, "re-checked after " + describe(window) + " was created"))
                .chain(() -> kind == WindowKind.LOCKDOWN ? hold(window) : Uni.createFrom().voidItem())
                .replaceWith(window));
    }

    /**
     * Creates a window under a given id unless one with that id exists (the seed at start); scopes are not checked
     * against the catalog copy, which may not have arrived yet.
     *
     * @return whether it was created
     */
    public Uni<Boolean> seed(WindowRequest request, WindowKind kind, String id) {
        WindowRequest.Parsed parsed = request.parse(id, kind, clock.instant(), "calendar-seed", null, 1);
        if (!parsed.errors().isEmpty()) {
            throw ChangeProblems.invalid(parsed.errors());
        }
        CalendarWindow window = parsed.window();
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> CalendarWindowEntity.<CalendarWindowEntity> findById(UUID.fromString(id)))
                .chain(existing -> existing != null ? Uni.createFrom().item(false)
                        : new CalendarWindowEntity().set(window).persist()
                                .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                .chain(() -> writer.recheck(null, "re-checked after " + describe(window) + " was seeded"))
                                .replaceWith(true)));
    }

    public Uni<CalendarWindow> replace(String id, String ifMatch, WindowRequest request, Set<WindowKind> kinds, String user) {
        UUID uuid = parse(id);
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> CalendarWindowEntity.<CalendarWindowEntity> findById(uuid, LockModeType.PESSIMISTIC_WRITE))
                .chain(row -> {
                    if (row == null || !kinds.contains(WindowKind.valueOf(row.kind))) {
                        throw ProblemException.notFound("no such window " + id);
                    }
                    CalendarWindow before = row.toModel();
                    if (!ChangeIds.matches(ifMatch, before.version())) {
                        throw ProblemException.preconditionFailed("\"" + before.name() + "\" is at version " + before.version() + ", not "
                                + ifMatch.strip() + "; read it again and retry");
                    }
                    WindowKind kind = before.kind();
                    if (kinds.contains(WindowKind.LOCKDOWN) && (request.lockdown() != null && request.lockdown()) != (kind == WindowKind.LOCKDOWN)) {
                        throw ChangeProblems.conflict("kind-change", "Kind cannot change", "\"" + before.name() + "\" is a " + kind
                                + "; create a new window instead of turning one into the other");
                    }
                    CalendarWindow after = kind == WindowKind.LOCKDOWN ? lockdownUpdate(before, request, user)
                            : parsed(request, before.id(), kind, user, before.createdAt(), before.version() + 1);
                    row.set(after);
                    return Panache.getSession().chain(session -> session.flush())
                            .chain(() -> writer.recheck(null, "re-checked after " + describe(after) + " was changed"))
                            .chain(() -> kind == WindowKind.LOCKDOWN ? releaseIfEnded(after).chain(() -> hold(after)) : Uni.createFrom().voidItem())
                            .replaceWith(after);
                }));
    }

    /** Deletes a window; a lockdown's held changes are released. */
    public Uni<Void> delete(String id, Set<WindowKind> kinds) {
        UUID uuid = parse(id);
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> CalendarWindowEntity.<CalendarWindowEntity> findById(uuid, LockModeType.PESSIMISTIC_WRITE))
                .chain(row -> {
                    if (row == null || !kinds.contains(WindowKind.valueOf(row.kind))) {
                        throw ProblemException.notFound("no such window " + id);
                    }
                    CalendarWindow window = row.toModel();
                    return row.delete().chain(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(() -> writer.recheck(null, "re-checked after " + describe(window) + " was removed"))
                            .chain(() -> window.kind() == WindowKind.LOCKDOWN ? release(window, "lockdown \"" + window.name() + "\" cancelled")
                                    : Uni.createFrom().voidItem());
                }));
    }

    /** Releases the changes held by lockdowns whose end has passed (the scheduler calls this). */
    public Uni<Void> releaseEnded() {
        return Panache.withTransaction(() -> ChangeNumbers.lockCalendar()
                .chain(() -> CalendarWindowEntity.<CalendarWindowEntity> list("kind", WindowKind.LOCKDOWN.name()))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem()
                        .transformToUniAndConcatenate(row -> releaseIfEnded(row.toModel())).collect().last().replaceWithVoid()));
    }

    private Uni<Void> releaseIfEnded(CalendarWindow lockdown) {
        Instant end = lockdown.end() == null ? null : lockdown.end().atZone(Recurrence.zone(lockdown.timeZone())).toInstant();
        if (end == null || end.isAfter(clock.instant())) {
            return Uni.createFrom().voidItem();
        }
        return release(lockdown, "lockdown \"" + lockdown.name() + "\" ended");
    }

    /** Puts the holdable changes inside the lockdown (and in its scope) ON_HOLD. */
    private Uni<Void> hold(CalendarWindow lockdown) {
        Instant now = clock.instant();
        TimeWindow span = lockdownSpan(lockdown);
        if (span.end() != null && !span.end().isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        return ChangeEntity.<ChangeEntity> list("status in ?1", HOLDABLE.stream().map(Enum::name).toList()).chain(rows -> {
            List<Uni<ChangeRequest>> holds = new ArrayList<>();
            for (ChangeEntity row : rows) {
                ChangeRequest change = row.toModel();
                // a provider's maintenance is not ours to hold: its status follows the provider (it keeps its LOCKDOWN conflict)
                if (change.origin() == io.siamhub.model.change.ChangeOrigin.PROVIDER_MAINTENANCE || change.window() == null
                        || !ConflictDetector.overlap(change.window(),
                        new TimeWindow(span.start(), span.end() == null ? Instant.MAX : span.end()))) {
                    continue;
                }
                io.siamhub.change.conflict.Subject subject = io.siamhub.change.conflict.Subject.of(change, catalog.current(), 0);
                if (!lockdown.scope().covers(subject.services(), subject.items(), subject.providers())) {
                    continue;
                }
                ChangeRequest held = change.toBuilder().status(ChangeStatus.ON_HOLD).heldFrom(change.status()).heldBy(lockdown.id()).build();
                holds.add(Uni.createFrom().deferred(() -> writer.applyInTransaction(row, change,
                        Step.of(held, ChangeEventKind.HELD, LOCKDOWN, "held by lockdown", "lockdown \"" + lockdown.name() + "\""
                                + (lockdown.reason() == null ? "" : ": " + lockdown.reason())))));
            }
            return Multi.createFrom().iterable(holds).onItem().transformToUniAndConcatenate(hold -> hold).collect().last().replaceWithVoid();
        });
    }

    /** Releases what the lockdown holds: each change returns to the status it was held from. */
    private Uni<Void> release(CalendarWindow lockdown, String reason) {
        return ChangeEntity.<ChangeEntity> list("status", ChangeStatus.ON_HOLD.name()).chain(rows -> {
            List<Uni<ChangeRequest>> releases = new ArrayList<>();
            for (ChangeEntity row : rows) {
                ChangeRequest change = row.toModel();
                if (!lockdown.id().equals(change.heldBy())) {
                    continue;
                }
                ChangeRequest released = change.toBuilder().status(change.heldFrom() == null ? ChangeStatus.SUBMITTED : change.heldFrom())
                        .heldFrom(null).heldBy(null).build();
                releases.add(Uni.createFrom().deferred(() -> writer.applyInTransaction(row, change,
                        Step.of(released, ChangeEventKind.RELEASED, LOCKDOWN, "released", reason))));
            }
            return Multi.createFrom().iterable(releases).onItem().transformToUniAndConcatenate(release -> release).collect().last()
                    .replaceWithVoid();
        });
    }

    /** A lockdown's span in instants; an open end is null. */
    static TimeWindow lockdownSpan(CalendarWindow lockdown) {
        java.time.ZoneId zone = Recurrence.zone(lockdown.timeZone());
        return new TimeWindow(lockdown.start().atZone(zone).toInstant(), lockdown.end() == null ? null : lockdown.end().atZone(zone).toInstant());
    }

    /** A lockdown keeps its start; its name, end, scope and reason may change. */
    private CalendarWindow lockdownUpdate(CalendarWindow before, WindowRequest request, String user) {
        CalendarWindow parsed = parsed(request, before.id(), WindowKind.LOCKDOWN, user, before.createdAt(), before.version() + 1);
        return new CalendarWindow(before.id(), WindowKind.LOCKDOWN, parsed.name(), parsed.timeZone(), null, null, null, null, before.start(),
                parsed.end(), true, parsed.scope(), parsed.reason(), before.createdBy(), before.createdAt(), parsed.updatedAt(),
                parsed.version());
    }

    private CalendarWindow parsed(WindowRequest request, String id, WindowKind requested, String user, Instant createdAt, long version) {
        WindowKind kind = requested == WindowKind.MAINTENANCE ? WindowKind.MAINTENANCE
                : request.lockdown() != null && request.lockdown() ? WindowKind.LOCKDOWN : WindowKind.FREEZE;
        WindowRequest.Parsed parsed = request.parse(id, kind, clock.instant(), user, createdAt, version);
        List<Problem.FieldError> errors = new ArrayList<>(parsed.errors());
        if (request.scope() != null) {
            List<Problem.FieldError> scopeErrors = new ArrayList<>();
            io.siamhub.change.catalog.CatalogView view = catalog.current();
            ChangeCommands.checkTargets(view, request.scope().services(), request.scope().configurationItems(), scopeErrors);
            if (kind != WindowKind.MAINTENANCE) {
                List<String> providers = request.scope().providers();
                for (int i = 0; i < providers.size(); i++) {
                    if (!view.providers().contains(providers.get(i))) {
                        scopeErrors.add(new Problem.FieldError("providers[" + i + "]", "no provider " + providers.get(i) + " in the catalog"
                                + io.siamhub.change.catalog.CatalogView.nearestText(providers.get(i), view.providers())));
                    }
                }
            }
            scopeErrors.forEach(error -> errors.add(new Problem.FieldError("scope." + error.field(), error.message())));
        }
        if (!errors.isEmpty()) {
            throw ChangeProblems.invalid(errors);
        }
        return parsed.window();
    }

    private static String describe(CalendarWindow window) {
        return window.kind().name().toLowerCase(java.util.Locale.ROOT) + " \"" + window.name() + "\"";
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such window " + id);
        }
    }
}
