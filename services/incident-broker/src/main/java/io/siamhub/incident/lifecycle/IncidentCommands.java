package io.siamhub.incident.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.siamhub.incident.IncidentConfig;
import io.siamhub.incident.catalog.CatalogSnapshot;
import io.siamhub.incident.catalog.CatalogSnapshots;
import io.siamhub.incident.events.IncidentEvents;
import io.siamhub.incident.persistence.AdvisoryLocks;
import io.siamhub.incident.persistence.IncidentChangeEntity;
import io.siamhub.incident.persistence.IncidentEntity;
import io.siamhub.incident.persistence.IncidentNumbers;
import io.siamhub.incident.persistence.TicketEntity;
import io.siamhub.incident.rules.AutoResolvePolicy;
import io.siamhub.incident.rules.IncidentAction;
import io.siamhub.incident.rules.IncidentState;
import io.siamhub.incident.rules.IncidentUpdate;
import io.siamhub.incident.rules.PriorityMatrix;
import io.siamhub.incident.rules.TimelineWording;
import io.siamhub.kit.problem.ProblemException;
import io.siamhub.model.Impact;
import io.siamhub.model.Urgency;
import io.siamhub.model.catalog.ConfigurationItem;
import io.siamhub.model.incident.ExternalTicket;
import io.siamhub.model.incident.Incident;
import io.siamhub.model.incident.IncidentStatus;
import io.smallrye.mutiny.Uni;

/**
 * What people do to incidents. Each write locks the incident, checks the caller's {@code If-Match}
 * version (412 when stale), applies the change with the person on the timeline, and publishes the
 * event, all in one transaction. Any act of a person counts as handling the incident (see
 * {@link AutoResolvePolicy#personActed}).
 */
@ApplicationScoped
public class IncidentCommands {

    /** What a person opens an incident with; unset impact comes from the catalog, unset urgency is MEDIUM. */
    public record NewIncident(String title, String description, Impact impact, Urgency urgency, String service,
            String configurationItem, String owner) {
    }

    private final IncidentConfig config;
    private final CatalogSnapshots catalog;
    private final PriorityMatrix priorities;
    private final AutoResolvePolicy autoResolution;
    private final IncidentEvents events;
    private final Clock clock;

    IncidentCommands(IncidentConfig config, CatalogSnapshots catalog, PriorityMatrix priorities, AutoResolvePolicy autoResolution,
            IncidentEvents events, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.catalog = catalog;
        this.priorities = priorities;
        this.autoResolution = autoResolution;
        this.events = events;
    }

    /**
     * Opens an incident by hand. It never absorbs signals: correlation is for what providers report.
     *
     * @throws ProblemException 400 when the service, the configuration item or the owner is not one the catalog knows
     */
    public Uni<Incident> open(NewIncident request, String user) {
        CatalogSnapshot snapshot = catalog.current();
        if (request.owner() != null) {
            checkOwner(request.owner(), null);
        }
        ConfigurationItem item = snapshot.item(request.configurationItem());
        if (request.configurationItem() != null && item == null) {
            throw ProblemException.badRequest("configurationItem " + request.configurationItem() + " is not in the catalog");
        }
        String service = request.service() != null ? request.service() : item != null ? item.service() : null;
        if (request.service() != null && snapshot.service(request.service()) == null) {
            throw ProblemException.badRequest("service " + request.service() + " is not in the catalog");
        }
        Instant now = clock.instant();
        IncidentState incident = new IncidentState();
        incident.id = UUID.randomUUID();
        incident.title = request.title().strip();
        incident.description = request.description();
        incident.status = IncidentStatus.NEW;
        Impact fromCatalog = snapshot.impactOf(request.configurationItem(), service);
        incident.impact = request.impact() != null ? request.impact() : fromCatalog != null ? fromCatalog : config.defaultImpact();
        incident.impactOverridden = request.impact() != null;
        incident.urgency = request.urgency() != null ? request.urgency() : Urgency.MEDIUM;
        incident.urgencyOverridden = request.urgency() != null;
        incident.service = service;
        incident.configurationItem = request.configurationItem();
        incident.owner = request.owner() != null ? request.owner()
                : snapshot.owner(request.configurationItem(), service, item == null ? null : item.provider(), config);
        incident.correlationKey = "manual:" + incident.id;
        incident.handledByPerson = true;
        incident.createdAt = now;
        incident.lastActivityAt = now;
        priorities.prioritize(incident);
        IncidentUpdate update = IncidentUpdate.opened(incident, TimelineWording.openedByHand(user), now);
        return Panache.withTransaction(() -> IncidentNumbers.next(1).chain(numbers -> {
            incident.number = numbers.get(0);
            IncidentEntity row = IncidentEntity.of(incident);
            return row.persist().chain(() -> events.publish(row, update));
        }));
    }

    /** A status change: acknowledge, start, hold, resume, resolve, close, reopen. */
    public Uni<Incident> act(String id, IncidentAction action, String ifMatch, String user, String reason) {
        return change(id, ifMatch, (update, incident) -> {
            if (!action.allowedFrom(incident.status)) {
                List<String> allowed = IncidentAction.allowedActions(incident.status);
                throw new ProblemException(new io.siamhub.kit.problem.Problem(io.siamhub.kit.problem.Problem.TYPE_BASE + "illegal-transition",
                        "Illegal transition", 409, "cannot " + action.wireName() + " " + incident.number + ": it is " + incident.status
                                + "; allowed now: " + (allowed.isEmpty() ? "nothing (CLOSED is final)" : String.join(", ", allowed)),
                        null));
            }
            Instant now = clock.instant();
            update.step(now, TimelineWording.acted(user, action, reason), () -> {
                action.applyTo(incident, now);
                if (action != IncidentAction.RESOLVE && action != IncidentAction.CLOSE) {
                    autoResolution.personActed(incident);
                }
            });
        });
    }

    /**
     * Assigns the incident to {@code owner}: a provider or resolver group the catalog names (its ownership entries
     * and the providers of its CIs), the default owner ({@code siam.incident.default-owner}) or the current owner.
     *
     * @throws ProblemException 400 naming {@code owner} and the nearest known owners when it is none of them (a typo
     *                          would hand the incident to nobody)
     */
    public Uni<Incident> assign(String id, String owner, String ifMatch, String user, String reason) {
        return change(id, ifMatch, (update, incident) -> {
            checkOwner(owner, incident.owner);
            Instant now = clock.instant();
            update.step(now, TimelineWording.assigned(user, owner, reason), () -> {
                incident.owner = owner;
                autoResolution.personActed(incident);
            });
        });
    }

    /**
     * Checks that {@code owner} is a provider or resolver group the catalog names, the default owner or {@code current}.
     *
     * @throws ProblemException 400 naming {@code owner} and the three nearest known owners otherwise
     */
    private void checkOwner(String owner, String current) {
        java.util.SortedSet<String> known = new java.util.TreeSet<>(catalog.current().owners());
        known.add(config.defaultOwner());
        if (current != null) {
            known.add(current);
        }
        if (!known.contains(owner)) {
            List<String> nearest = known.stream()
                    .sorted(java.util.Comparator.comparingInt(name -> io.siamhub.kit.api.ApiDescription.distance(name, owner)))
                    .limit(3).toList();
            throw ProblemException.invalid("owner", owner + " is not an owner the catalog knows; the nearest are "
                    + String.join(", ", nearest) + " (a new resolver group gets an ownership entry in the catalog first)");
        }
    }

    /** A person's comment: a timeline line, and the event carries its text ({@code comment}) for the ticket sync. */
    public Uni<Incident> comment(String id, String text, String ifMatch, String user) {
        return change(id, ifMatch, (update, incident) -> update.step(clock.instant(), TimelineWording.commented(user, text),
                () -> autoResolution.personActed(incident)).commented(text));
    }

    /** Overrides impact and/or urgency; an override sticks (signals no longer raise urgency). */
    public Uni<Incident> prioritize(String id, Impact impact, Urgency urgency, String ifMatch, String user, String reason) {
        return change(id, ifMatch, (update, incident) -> update.step(clock.instant(), TimelineWording.prioritized(user, reason), () -> {
                    if (impact != null) {
                        incident.impact = impact;
                        incident.impactOverridden = true;
                    }
                    if (urgency != null) {
                        incident.urgency = urgency;
                        incident.urgencyOverridden = true;
                    }
                    priorities.prioritize(incident);
                    autoResolution.personActed(incident);
                }));
    }

    /** Links a change. */
    public Uni<Incident> linkChange(String id, String changeId, String ifMatch, String user, String reason) {
        return write(id, ifMatch, (update, incident) -> IncidentChangeEntity.<IncidentChangeEntity> findById(incident.id + ":" + changeId)
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict(incident.number + " is already linked to change " + changeId);
                    }
                    update.step(clock.instant(), TimelineWording.linkedChange(user, changeId, reason),
                            () -> autoResolution.personActed(incident));
                    return IncidentChangeEntity.of(incident.id, changeId).persist().replaceWithVoid();
                }));
    }

    /**
     * Links a provider ticket: its later signals update this incident. The key may be the ticket's
     * current key or one it had before a move (a Jira issue's {@code OPS-12} after it became
     * {@code SUP-7}): either finds the one ticket. A ticket already linked elsewhere is a 409 (unlink is
     * not a thing yet: one ticket, one incident); a system not in {@code siam.incident.tickets.systems}
     * is a 400 naming {@code ticket.system}.
     */
    public Uni<Incident> linkTicket(String id, ExternalTicket ticket, String ifMatch, String user, String reason) {
        if (!config.tickets().systems().contains(ticket.system())) {
            throw ProblemException.invalid("ticket.system", ticket.system() + " is not a ticket system siam-hub links; it takes "
                    + String.join(", ", config.tickets().systems()) + " (siam.incident.tickets.systems)");
        }
        String ticketId = TicketEntity.id(ticket.system(), ticket.key());
        return write(id, ifMatch, (update, incident) -> AdvisoryLocks.lock(List.of("ticket:" + ticketId))
                // a ticket known from its signals is filed under the provider's id: find it by its key too
                .chain(() -> TicketEntity.<TicketEntity> findById(ticketId))
                .chain(found -> found != null ? Uni.createFrom().item(found)
                        : TicketEntity.<TicketEntity> find("system = ?1 and key = ?2", ticket.system(), ticket.key()).firstResult())
                .chain(found -> found != null ? Uni.createFrom().item(found) : byPreviousKey(ticket.system(), ticket.key()))
                .chain(existing -> {
                    if (existing != null && existing.incidentId != null) {
                        throw ProblemException.conflict("ticket " + ticketId + " is already linked to "
                                + (existing.incidentId.equals(incident.id) ? "this incident" : "incident " + existing.incidentId));
                    }
                    TicketEntity linked = existing != null ? existing : new TicketEntity();
                    if (existing == null) {
                        linked.id = ticketId;
                        linked.system = ticket.system();
                        linked.key = ticket.key();
                    }
                    if (ticket.url() != null) {
                        linked.url = ticket.url();
                    }
                    linked.incidentId = incident.id;
                    if (linked.updatedAt == null) {
                        linked.updatedAt = clock.instant();
                    }
                    String name = existing == null ? ticketId : TicketEntity.id(existing.system, existing.key);
                    update.step(clock.instant(), TimelineWording.linkedTicket(user, name, name.equals(ticketId) ? null : ticketId, reason,
                            existing != null, existing == null ? null : existing.providerStatus), () -> autoResolution.personActed(incident));
                    return linked.persist().replaceWithVoid();
                }));
    }

    /**
     * The ticket that had {@code key} before a move, read under its lock: signals of a moved ticket lock
     * its id and current key, not the old one, so the row is read only once its id is locked.
     */
    private static Uni<TicketEntity> byPreviousKey(String system, String key) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select id from incident_ticket where system = ?1"
                        + " and cast(previous_keys as jsonb) @> jsonb_build_array(cast(?2 as text)) order by updated_at desc limit 1",
                        String.class).setParameter(1, system).setParameter(2, key).getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().nullItem()
                        : AdvisoryLocks.lock(List.of("ticket:" + ids.get(0))).chain(() -> TicketEntity.<TicketEntity> findById(ids.get(0))));
    }

    /** A write that only changes fields (no extra rows). */
    private Uni<Incident> change(String id, String ifMatch, BiConsumer<IncidentUpdate, IncidentState> change) {
        return write(id, ifMatch, (update, incident) -> {
            change.accept(update, incident);
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Incident> write(String id, String ifMatch, Work work) {
        return Panache.withTransaction(() -> IncidentIds.findForUpdate(id)
                .chain(row -> {
                    IncidentIds.checkVersion(ifMatch, row);
                    IncidentUpdate update = IncidentUpdate.of(row.toState());
                    return work.apply(update, update.incident()).chain(() -> events.publish(row, update));
                }));
    }

    @FunctionalInterface
    private interface Work {
        Uni<Void> apply(IncidentUpdate update, IncidentState incident);
    }
}
