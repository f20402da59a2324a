package io.siamhub.change.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.siamhub.change.catalog.CatalogCopy;
import io.siamhub.change.catalog.CatalogView;
import io.siamhub.kit.problem.Problem;
import io.siamhub.model.Actor;
import io.siamhub.model.TimeWindow;
import io.siamhub.model.change.Approval;
import io.siamhub.model.change.ApprovalDecision;
import io.siamhub.model.change.ChangeEventKind;
import io.siamhub.model.change.ChangeOrigin;
import io.siamhub.model.change.ChangeRequest;
import io.siamhub.model.change.ChangeStatus;
import io.siamhub.model.change.ChangeType;
import io.siamhub.model.change.Conflict;
import io.siamhub.model.change.FreezeException;
import io.siamhub.model.change.IncidentLink;
import io.siamhub.model.change.Risk;
import io.smallrye.mutiny.Uni;

/**
 * What people do to changes: raise, edit, move through the lifecycle, approve or reject (CAB), comment,
 * escalate, grant a freeze exception, link incidents. Each goes through {@link ChangeWriter} (one transaction,
 * conflicts re-detected, events to the outbox).
 */
@ApplicationScoped
public class ChangeCommands {

    /** Who acts: the JWT subject, and what the token allows. */
    public record Caller(String user, boolean changeManager, boolean inApprovalGroup) {
    }

    /** A new RFC; the window's end is required (only provider maintenance may leave it open). */
    public record NewChange(String title, String description, ChangeType type, List<String> services, List<String> configurationItems,
            String implementer, TimeWindow window, String backoutPlan, Risk risk, String riskReason) {
    }

    /** A PATCH: null leaves a field as it is; an empty list clears one. */
    public record Edit(String title, String description, ChangeType type, List<String> services, List<String> configurationItems,
            String implementer, TimeWindow window, String backoutPlan, Risk risk, String riskReason, String reason) {
    }

    private final ChangeWriter writer;
    private final CatalogCopy catalog;
    private final Clock clock;

    ChangeCommands(ChangeWriter writer, CatalogCopy catalog, Clock clock) {
        this.writer = writer;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Uni<ChangeRequest> create(NewChange request, Caller caller) {
        List<Problem.FieldError> errors = new ArrayList<>();
        CatalogView view = catalog.current();
        checkTargets(view, request.services(), request.configurationItems(), errors);
        checkTouchesSomething(request.services(), request.configurationItems(), errors);
        checkImplementer(view, request.implementer(), errors);
        checkWindow(request.window(), errors);
        checkRisk(request.risk(), request.riskReason(), errors);
        if (!errors.isEmpty()) {
            throw ChangeProblems.invalid(errors);
        }
        return writer.create(number -> Step.of(ChangeRequest.builder()
                .id(UUID.randomUUID().toString())
                .number(number)
                .title(request.title().strip())
                .description(request.description())
                .type(request.type() == null ? ChangeType.NORMAL : request.type())
                .origin(ChangeOrigin.RFC)
                .status(ChangeStatus.DRAFT)
                .services(distinct(request.services()))
                .configurationItems(distinct(request.configurationItems()))
                .implementer(blankToNull(request.implementer()))
                .window(request.window())
                .endKnown(true)
                .backoutPlan(request.backoutPlan())
                .risk(request.risk())
                .riskReason(request.risk() == null ? null : request.riskReason().strip())
                .riskOverridden(request.risk() != null)
                .requestedBy(caller.user())
                .build(), ChangeEventKind.CREATED, Actor.user(caller.user()), "created", null));
    }

    public Uni<ChangeRequest> edit(String id, String ifMatch, Edit edit, Caller caller) {
        return writer.update(id, ifMatch, change -> {
            if (change.origin() == ChangeOrigin.PROVIDER_MAINTENANCE) {
                throw ChangeProblems.conflict("provider-maintenance", "Provider maintenance", change.number() + " is "
                        + change.provider() + "'s maintenance: its window and scope follow the provider's notices; comment on it or"
                        + " escalate it instead");
            }
            if (change.closed()) {
                throw ChangeProblems.conflict("closed", "Change closed", change.number() + " is " + change.status()
                        + " and can no longer be edited");
            }
            mineOrManager(change, caller, "edit");
            List<Problem.FieldError> errors = new ArrayList<>();
            CatalogView view = catalog.current();
            checkTargets(view, edit.services(), edit.configurationItems(), errors);
            checkTouchesSomething(edit.services() != null ? edit.services() : change.services(),
                    edit.configurationItems() != null ? edit.configurationItems() : change.configurationItems(), errors);
            if (edit.implementer() != null && !edit.implementer().isBlank()) {
                checkImplementer(view, edit.implementer(), errors);
            }
            if (edit.window() != null) {
                checkWindow(edit.window(), errors);
            }
            checkRisk(edit.risk(), edit.riskReason(), errors);
            if (!errors.isEmpty()) {
                throw ChangeProblems.invalid(errors);
            }
            ChangeRequest.Builder builder = change.toBuilder();
            if (edit.title() != null) {
                builder.title(edit.title().strip());
            }
            if (edit.description() != null) {
                builder.description(edit.description());
            }
            if (edit.type() != null) {
                builder.type(edit.type());
            }
            if (edit.services() != null) {
                builder.services(distinct(edit.services()));
            }
            if (edit.configurationItems() != null) {
                builder.configurationItems(distinct(edit.configurationItems()));
            }
            if (edit.implementer() != null) {
                builder.implementer(blankToNull(edit.implementer()));
            }
            if (edit.backoutPlan() != null) {
                builder.backoutPlan(edit.backoutPlan());
            }
            boolean rescheduled = edit.window() != null && !edit.window().equals(change.window());
            if (rescheduled) {
                builder.window(edit.window()).sequence(change.sequence() + 1);
            }
            if (edit.risk() != null) {
                builder.risk(edit.risk()).riskReason(edit.riskReason().strip()).riskOverridden(true);
            }
            ChangeRequest edited = builder.build();
            if (edited.equals(change)) {
                return Step.none(change);
            }
            String what = rescheduled ? "rescheduled" : "edited";
            if (!material(change, edited) || !approvedOrDeciding(change)) {
                return Step.of(edited, ChangeEventKind.UPDATED, Actor.user(caller.user()), what, edit.reason());
            }
            if (change.type() == ChangeType.STANDARD && edited.type() == ChangeType.STANDARD) {
                // pre-approved: it stays approved, unless the new window or scope lies in a hard freeze or lockdown (409)
                return Step.of(edited, ChangeEventKind.UPDATED, Actor.user(caller.user()), what, edit.reason()).granting();
            }
            // the CAB approved (or is deciding on) a window and a scope: a new one goes back to it, in a new round
            ChangeRequest.Builder again = edited.toBuilder().approvalRound(change.approvalRound() + 1).submittedAt(clock.instant());
            if (change.status() == ChangeStatus.ON_HOLD) {
                again.heldFrom(ChangeStatus.SUBMITTED);
            } else {
                again.status(ChangeStatus.SUBMITTED);
            }
            List<ChangeEventKind> kinds = change.status() == ChangeStatus.SUBMITTED || change.status() == ChangeStatus.ON_HOLD
                    ? List.of(ChangeEventKind.UPDATED) : List.of(ChangeEventKind.UPDATED, ChangeEventKind.SUBMITTED);
            return new Step(again.build(), kinds, Actor.user(caller.user()), what + "; approval withdrawn, submitted again for round "
                    + (change.approvalRound() + 1), edit.reason());
        });
    }

    /** A new window, other CIs or services, or another type: what the CAB approved is no longer what will be done. */
    private static boolean material(ChangeRequest before, ChangeRequest after) {
        return !Objects.equals(before.window(), after.window()) || !before.configurationItems().equals(after.configurationItems())
                || !before.services().equals(after.services()) || before.type() != after.type();
    }

    /**
     * Approved and not yet started (APPROVED, SCHEDULED, or ON_HOLD from one of them), or SUBMITTED with decisions
     * already taken in the current round.
     */
    private static boolean approvedOrDeciding(ChangeRequest change) {
        ChangeStatus status = change.status() == ChangeStatus.ON_HOLD ? change.heldFrom() : change.status();
        if (status == ChangeStatus.APPROVED || status == ChangeStatus.SCHEDULED) {
            return true;
        }
        return status == ChangeStatus.SUBMITTED
                && change.approvals().stream().anyMatch(approval -> approval.round() == change.approvalRound());
    }

    /** A status change other than approve / reject. */
    public Uni<ChangeRequest> act(String id, ChangeAction action, String ifMatch, String reason, Caller caller) {
        return writer.update(id, ifMatch, change -> {
            if (!ChangeTransitions.allowed(action, change)) {
                throw ChangeProblems.illegalTransition(action, change);
            }
            switch (action) {
                case SCHEDULE, HOLD, RELEASE -> {
                    if (!caller.changeManager()) {
                        throw new io.siamhub.kit.problem.ProblemException(Problem.of(403, "forbidden", "Forbidden",
                                "only a siam-change-manager may " + action.wireName() + " a change"));
                    }
                }
                default -> mineOrManager(change, caller, action.wireName());
            }
            Instant now = clock.instant();
            ChangeStatus target = ChangeTransitions.target(action, change);
            ChangeRequest.Builder builder = change.toBuilder().status(target);
            List<ChangeEventKind> kinds = new ArrayList<>(List.of(action.kind()));
            String what = action.wireName().replace('-', ' ');
            switch (action) {
                case SUBMIT -> {
                    if (change.window() == null) {
                        throw ChangeProblems.conflict("incomplete", "Change incomplete", change.number()
                                + " has no window: PATCH it with {\"window\": {\"start\": …, \"end\": …}} before submitting");
                    }
                    builder.approvalRound(change.approvalRound() + 1).submittedAt(now);
                    if (target == ChangeStatus.APPROVED) {
                        kinds.add(ChangeEventKind.APPROVED);
                        what = "submitted (STANDARD: pre-approved)";
                    }
                }
                case START -> builder.actual(new TimeWindow(now, null));
                case COMPLETE, FAIL, BACK_OUT -> builder.actual(new TimeWindow(change.actual() == null ? now : change.actual().start(), now));
                case CANCEL -> {
                    builder.sequence(change.sequence() + 1);
                    if (change.actual() != null && change.actual().end() == null) {
                        // stopped while it ran: the actual window ends now
                        builder.actual(new TimeWindow(change.actual().start(), now));
                    }
                }
                case HOLD -> builder.heldFrom(change.status()).heldBy(null);
                case RELEASE -> builder.heldFrom(null).heldBy(null);
                default -> {
                }
            }
            Step step = new Step(builder.build(), kinds, Actor.user(caller.user()), what, reason);
            // a STANDARD change's pre-approval is an approval: a hard freeze or lockdown refuses it as it refuses a CAB's
            return action == ChangeAction.SUBMIT && target == ChangeStatus.APPROVED ? step.granting() : step;
        });
    }

    /** An approval or rejection by a change manager (never the requester: 403). */
    public Uni<ChangeRequest> decide(String id, ApprovalDecision decision, String ifMatch, String comment, Caller caller) {
        ChangeAction action = decision == ApprovalDecision.APPROVED ? ChangeAction.APPROVE : ChangeAction.REJECT;
        return writer.update(id, ifMatch, change -> {
            if (!ChangeTransitions.allowed(action, change)) {
                throw ChangeProblems.illegalTransition(action, change);
            }
            if (caller.user().equals(change.requestedBy())) {
                throw ChangeProblems.selfApproval(change, caller.user());
            }
            int round = change.approvalRound();
            if (change.approvals().stream().anyMatch(approval -> approval.round() == round && approval.approver().equals(caller.user()))) {
                throw ChangeProblems.conflict("already-decided", "Already decided", caller.user() + " already decided on "
                        + change.number() + " in this round");
            }
            if (decision == ApprovalDecision.APPROVED) {
                Conflict blocking = ChangeWriter.unexcepted(change, change.conflicts());
                if (blocking != null) {
                    throw ChangeProblems.frozen(change, blocking, "approve");
                }
            }
            Instant now = clock.instant();
            List<Approval> approvals = new ArrayList<>(change.approvals());
            approvals.add(new Approval(caller.user(), decision, comment, now, caller.inApprovalGroup() ? writer.cab().group() : null, round));
            List<Approval> thisRound = approvals.stream().filter(approval -> approval.round() == round).toList();
            CabRule.Verdict verdict = writer.cab().evaluate(thisRound, change.risk());
            ChangeRequest.Builder builder = change.toBuilder().approvals(approvals);
            ChangeEventKind kind;
            String what;
            switch (verdict.outcome()) {
                case REJECTED -> {
                    builder.status(ChangeTransitions.target(ChangeAction.REJECT, change));
                    kind = ChangeEventKind.REJECTED;
                    what = change.status() == ChangeStatus.SUBMITTED ? "rejected" : "rejected after the fact";
                }
                case APPROVED -> {
                    builder.status(ChangeTransitions.target(ChangeAction.APPROVE, change));
                    kind = ChangeEventKind.APPROVED;
                    what = change.status() == ChangeStatus.SUBMITTED ? "approved" : "approved after the fact";
                }
                default -> {
                    kind = ChangeEventKind.UPDATED;
                    what = "approval recorded (" + verdict.missing() + ")";
                }
            }
            return Step.of(builder.build(), kind, Actor.user(caller.user()), what, comment);
        });
    }

    public Uni<ChangeRequest> comment(String id, String ifMatch, String text, Caller caller) {
        return writer.update(id, ifMatch, change -> Step.of(change, ChangeEventKind.UPDATED, Actor.user(caller.user()), "commented", text));
    }

    public Uni<ChangeRequest> escalate(String id, String ifMatch, String reason, Caller caller) {
        return writer.update(id, ifMatch, change -> {
            if (change.closed()) {
                throw ChangeProblems.conflict("closed", "Change closed", change.number() + " is " + change.status()
                        + "; there is nothing left to escalate");
            }
            return Step.of(change.toBuilder().escalated(true).build(), ChangeEventKind.UPDATED, Actor.user(caller.user()), "escalated",
                    reason);
        });
    }

    /** Grants an EMERGENCY change an exception to hard freezes and lockdowns (a change manager, not the requester). */
    public Uni<ChangeRequest> grantException(String id, String ifMatch, String reason, Caller caller) {
        return writer.update(id, ifMatch, change -> {
            if (change.type() != ChangeType.EMERGENCY) {
                throw ChangeProblems.conflict("not-emergency", "Not an emergency", change.number() + " is " + change.type()
                        + ": only EMERGENCY changes may carry an exception to a hard freeze or lockdown");
            }
            if (change.closed()) {
                throw ChangeProblems.conflict("closed", "Change closed", change.number() + " is " + change.status());
            }
            if (caller.user().equals(change.requestedBy())) {
                throw ChangeProblems.selfApproval(change, caller.user());
            }
            return Step.of(change.toBuilder().freezeException(new FreezeException(reason, caller.user(), clock.instant())).build(),
                    ChangeEventKind.UPDATED, Actor.user(caller.user()), "freeze exception granted", reason);
        });
    }

    /** Links an incident by hand (CAUSED, RELATED, or SUSPECTED_CAUSE); linking it again replaces the link. */
    public Uni<ChangeRequest> link(String id, String ifMatch, IncidentLink link, Caller caller) {
        return writer.update(id, ifMatch, change -> {
            List<IncidentLink> links = new ArrayList<>(change.relatedIncidents().stream()
                    .filter(existing -> !existing.incidentId().equals(link.incidentId())).toList());
            links.add(new IncidentLink(link.incidentId(), link.number(), link.relation(), link.reason(), link.rank(), clock.instant()));
            return Step.of(change.toBuilder().relatedIncidents(links).build(), ChangeEventKind.INCIDENT_LINKED, Actor.user(caller.user()),
                    "incident linked (" + link.relation() + ")", link.reason());
        });
    }

    private static void mineOrManager(ChangeRequest change, Caller caller, String what) {
        if (!caller.changeManager() && !caller.user().equals(change.requestedBy())) {
            throw ChangeProblems.notYours(change, caller.user(), what);
        }
    }

    /**
     * Unknown services or CIs are refused, naming each ({@code configurationItems[1]}) and the nearest known ids
     * ({@code no service paymnets in the catalog; the nearest: payments, …}).
     */
    public static void checkTargets(CatalogView view, List<String> services, List<String> items, List<Problem.FieldError> errors) {
        if (services != null) {
            for (int i = 0; i < services.size(); i++) {
                if (services.get(i) == null || view.service(services.get(i)) == null) {
                    errors.add(new Problem.FieldError("services[" + i + "]", unknownService(view, services.get(i))));
                }
            }
        }
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null || view.item(items.get(i)) == null) {
                    errors.add(new Problem.FieldError("configurationItems[" + i + "]", unknownItem(view, items.get(i))));
                }
            }
        }
    }

    /** {@code no service paymnets in the catalog; the nearest: payments, …}. */
    public static String unknownService(CatalogView view, String id) {
        return "no service " + id + " in the catalog" + CatalogView.nearestText(id, view.serviceIds());
    }

    /** {@code no configuration item paymnets-db in the catalog; the nearest: payments-db, …}. */
    public static String unknownItem(CatalogView view, String id) {
        return "no configuration item " + id + " in the catalog" + CatalogView.nearestText(id, view.itemIds());
    }

    /**
     * An RFC touches at least one service or CI: a change that names neither is on nothing the calendar can check
     * (no conflict, freeze scope or maintenance window could ever apply). Provider maintenance is not checked here: a
     * notice the catalog cannot place still becomes a change, as the provider announced it.
     */
    public static void checkTouchesSomething(List<String> services, List<String> items, List<Problem.FieldError> errors) {
        if ((services == null || services.isEmpty()) && (items == null || items.isEmpty())) {
            String message = "a change touches at least one configuration item or service: name them in configurationItems or services "
                    + "(ids from the catalog), so that conflicts, freezes and maintenance windows apply";
            errors.add(new Problem.FieldError("services", message));
            errors.add(new Problem.FieldError("configurationItems", message));
        }
    }

    /**
     * The implementer (issue 11: "a provider or resolver group") must be one the catalog knows: a provider, or an owner
     * an ownership record names ({@link CatalogView#implementers()}); else a 400 naming {@code implementer} and the
     * nearest known names. Blank means none.
     */
    public static void checkImplementer(CatalogView view, String implementer, List<Problem.FieldError> errors) {
        if (implementer == null || implementer.isBlank() || view.implementers().contains(implementer.strip())) {
            return;
        }
        errors.add(new Problem.FieldError("implementer", implementer.strip() + " is not a provider or resolver group the catalog knows "
                + "(its providers, and the owners its ownership records name)" + CatalogView.nearestText(implementer, view.implementers())));
    }

    /** A window needs a start and an end after it. */
    public static void checkWindow(TimeWindow window, List<Problem.FieldError> errors) {
        if (window == null) {
            return;
        }
        if (window.start() == null) {
            errors.add(new Problem.FieldError("window.start", "must be an ISO-8601 instant, e.g. 2026-12-01T22:00:00Z"));
        }
        if (window.end() == null) {
            errors.add(new Problem.FieldError("window.end", "must be an ISO-8601 instant (only provider maintenance may leave it open)"));
        } else if (window.start() != null && !window.end().isAfter(window.start())) {
            errors.add(new Problem.FieldError("window.end", "must be after window.start"));
        }
    }

    private static void checkRisk(Risk risk, String reason, List<Problem.FieldError> errors) {
        if (risk != null && (reason == null || reason.isBlank())) {
            errors.add(new Problem.FieldError("riskReason", "say why when you set risk by hand"));
        }
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).distinct().toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
