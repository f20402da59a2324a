package io.siamhub.change.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.change.ChangeConfig;
import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.change.conflict.ConflictDetector;
import io.siamhub.change.conflict.FreeSlots;
import io.siamhub.change.conflict.Subject;
import io.siamhub.change.lifecycle.ChangeCommands;
import io.siamhub.change.lifecycle.ChangeProblems;
import io.siamhub.change.lifecycle.ChangeWriter;
import io.siamhub.kit.problem.Problem;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.Conflict;
import io.smallrye.mutiny.Uni;

/** {@code POST /api/changes/check}: "when can I do this?" — a proposal's conflicts and the next free slots. */
@ApplicationScoped
public class ChangeChecks {

    /** The proposal's conflicts, and free slots of the same length (none when the search found none). */
    public record CheckResult(List<Conflict> conflicts, List<TimeWindow> freeSlots) {
    }

    private final ChangeWriter writer;
    private final CatalogCopy catalog;
    private final ChangeConfig config;
    private final Clock clock;

    ChangeChecks(ChangeWriter writer, CatalogCopy catalog, ChangeConfig config, Clock clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    public Uni<CheckResult> check(List<String> services, List<String> items, String implementer, TimeWindow window, int slots) {
        List<Problem.FieldError> errors = new ArrayList<>();
        CatalogView view = catalog.current();
        ChangeCommands.checkTargets(view, services, items, errors);
        ChangeCommands.checkTouchesSomething(services, items, errors);
        ChangeCommands.checkImplementer(view, implementer, errors);
        ChangeCommands.checkWindow(window, errors);
        if (!errors.isEmpty()) {
            throw ChangeProblems.invalid(errors);
        }
        Duration length = Duration.between(window.start(), window.end());
        if (length.compareTo(config.freeSlots().horizon()) > 0) {
            throw Params.invalid("window", "is longer than the free-slot search horizon (" + config.freeSlots().horizon() + ")");
        }
        Instant now = clock.instant();
        Instant from = window.start().isBefore(now) ? now : window.start();
        TimeWindow searched = new TimeWindow(window.start().isBefore(from) ? window.start() : from,
                from.plus(config.freeSlots().horizon()).plus(length));
        Subject proposal = Subject.of(null, null, null, ChangeOrigin.RFC, window, services, items, null, implementer, null, null, view,
                config.dependencyDepth());
        return Panache.withSession(() -> writer.neighbours(null, List.of(searched)).chain(others -> writer.windows().map(windows -> {
            List<Subject> candidates = writer.candidates(others, view);
            List<Conflict> conflicts = ConflictDetector.detect(proposal, candidates, windows);
            List<TimeWindow> free = FreeSlots.find(proposal, length, from, config.freeSlots().horizon(), slots, config.freeSlots().step(),
                    candidates, windows);
            return new CheckResult(conflicts, free);
        })));
    }
}
