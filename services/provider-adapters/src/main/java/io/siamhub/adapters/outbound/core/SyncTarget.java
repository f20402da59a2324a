package io.siamhub.adapters.outbound.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.siamhub.model.signal.SignalStatus;
import io.smallrye.mutiny.Uni;

/**
 * A two-way sync target ({@code servicenow}, {@code jira}): one external ticket per synced incident,
 * kept in step from the incident events its built-in subscription takes ({@link SyncRule}). One
 * delivery is one attempt:
 * <ol>
 * <li>no ticket recorded for the incident ({@link SyncTickets}) but one of the target's system on its
 * {@code externalTickets} (a person linked an existing ticket): {@link #adoptLinked} finds it in the target by
 * its key and keeps it in step, never creating a second one;</li>
 * <li>no ticket at all: {@link #create} (which first looks for an orphan an earlier attempt made, so a
 * retried create never makes a second ticket);</li>
 * <li>a recorded ticket: the synced fields whose value differs from what the hub last wrote are
 * {@link #push pushed}, and so is the comment a person added in the hub ({@link #comment}: ServiceNow
 * {@code work_notes} or {@code comments}, a Jira comment, naming who wrote it); nothing differs and no comment, or
 * the change came from the target itself (the event's actor is the target as a provider) → nothing is sent;</li>
 * <li>a ticket not yet on its incident is linked through {@link TicketLinks} (a TICKET signal the broker
 * applies); a state the hub writes to a linked ticket is told the same way, since the target's webhook of
 * that write is an echo the inbound side drops (the incident's view of its ticket would go stale).</li>
 * </ol>
 * Retries, 429 pauses and the DLQ are the outbound core's, as for webhooks.
 */
public abstract class SyncTarget implements OutboundTarget {

    private static final Logger LOG = Logger.getLogger(SyncTarget.class);

    protected final ObjectMapper mapper;
    protected final Clock clock;
    private final String name;
    private final Duration timeout;
    private final SyncTickets tickets;
    private final TicketLinks links;
    private final SubscriptionStore subscriptions;
    private final SyncAuthorization authorization;
    /** The header the current attempts' calls carry ({@link #authorization()}); set before each attempt. */
    private volatile String header;

    protected SyncTarget(String name, Duration timeout, SyncAuthorization authorization, SyncTickets tickets, TicketLinks links,
            SubscriptionStore subscriptions, ObjectMapper mapper, Clock clock) {
        this.name = name;
        this.authorization = authorization;
        this.timeout = timeout;
        this.tickets = tickets;
        this.links = links;
        this.subscriptions = subscriptions;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The built-in subscription row of a target. */
    public static UUID subscriptionId(String target) {
        return UUID.nameUUIDFromBytes(("siam-hub sync target " + target).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String name() {
        return name;
    }

    /** The target's URL, when configured (else the sync is off and its row disabled). */
    protected abstract Optional<String> url();

    /** The synced fields of this incident ({@code IncidentEvent.incident}), as the target wants them. */
    protected abstract Map<String, String> synced(JsonNode incident);

    /** Finds an orphan ticket of the incident or creates one; answers the attempt after {@link #created} or {@link #adopted}. */
    protected abstract Uni<Attempt> create(String incidentId, JsonNode event, Map<String, String> synced, long started);

    /**
     * Finds the ticket a person linked to the incident ({@code key}, as on its {@code externalTickets}) in the target and
     * answers the attempt after {@link #adopted}; a key the target does not have is a permanent failure (dead-lettered:
     * the incident already has a ticket of this system, so none is created).
     */
    protected abstract Uni<Attempt> adoptLinked(String incidentId, String key, JsonNode event, Map<String, String> synced, long started);

    /**
     * Sends the changed fields (and a note saying why) and the event's {@link #comment} (when it has one; {@code changed}
     * may then be empty) to the ticket; answers the last call's attempt.
     */
    protected abstract Uni<Attempt> push(SyncTickets.Ticket ticket, JsonNode event, Map<String, String> changed, long started);

    /** The ticket's state as the target names it, and as a signal status, for the link. */
    protected abstract String providerStatus(SyncTickets.Ticket ticket);

    protected abstract SignalStatus status(SyncTickets.Ticket ticket);

    /** The target's own words in an error answer (its error body's message), for the delivery's {@code lastError}. */
    protected abstract String error(SyncHttp.Answer answer);

    /** One call of the target's API within the outbound {@code timeout}: its 2xx answer, else a {@link SyncHttp.CallFailed}. */
    protected Uni<SyncHttp.Answer> call(Uni<jakarta.ws.rs.core.Response> request, long started) {
        return SyncHttp.call(request, started, timeout, this::error);
    }

    /** Creates, updates or disables the target's subscription row as its configuration says (at start). */
    protected void keepRow(List<String> priorities, List<String> owners) {
        Instant now = clock.instant();
        String key = "siam.adapters.outbound." + name + ".url";
        subscriptions.keepSync(new Subscription(subscriptionId(name), url().orElse(""), List.of("io.siamhub.incident.*"),
                new Subscription.Filters(priorities, List.of(), owners, List.of()), Subscription.Format.cloudevents, List.of(),
                url().isPresent(), url().isPresent() ? null : key + " is not set", now, now, name)).await().indefinitely();
        url().ifPresent(url -> LOG.infof("%s sync on: %s (auth %s), priorities %s, owners %s", name, url, authorization.describe(),
                priorities, owners));
    }

    @Override
    public Uni<Attempt> send(DeliveryQueue.Claimed delivery) {
        long started = System.nanoTime();
        if (url().isEmpty()) {
            return Uni.createFrom().item(Attempt.permanent("siam.adapters.outbound." + name + ".url is not set", Duration.ZERO));
        }
        JsonNode event;
        try {
            event = mapper.readTree(delivery.body()).path("data");
        } catch (JsonProcessingException e) {
            return Uni.createFrom().item(Attempt.permanent("the queued event is not JSON: " + e.getOriginalMessage(), Duration.ZERO));
        }
        String incidentId = event.path("incident").path("id").asText("");
        if (incidentId.isEmpty()) {
            return Uni.createFrom().item(Attempt.permanent("the queued event names no incident", Duration.ZERO));
        }
        Map<String, String> synced = synced(event.path("incident"));
        String linkedKey = linkedKey(event.path("incident"));
        return attempt(incidentId, event, synced, linkedKey, started).chain(first -> {
            if (!authorization.renews() || first.status() == null || first.status() != 401) {
                return Uni.createFrom().item(first);
            }
            // the token was refused (expired early, revoked): once more with a fresh one; every step is idempotent
            LOG.infof("%s answered 401 to the OAuth token; fetching a new one and trying once more", name);
            authorization.renew(header);
            return attempt(incidentId, event, synced, linkedKey, started).map(second -> second.status() != null && second.status() == 401
                    ? new Attempt(second.status(), second.latency(), second.retryAfter(), second.error(),
                            second.answer() + " (a freshly fetched OAuth token was refused too: check the OAuth client's user and scopes)",
                            second.refused())
                    : second);
        });
    }

    /** One pass: the authorization header, then find → create | adopt | update; every failure becomes the attempt's answer. */
    private Uni<Attempt> attempt(String incidentId, JsonNode event, Map<String, String> synced, String linkedKey, long started) {
        return SyncHttp.settle(authorization.header().invoke(value -> header = value).chain(() -> tickets.find(name, incidentId))
                .chain(known -> known != null ? update(known, event, synced, started)
                        : linkedKey != null ? adoptLinked(incidentId, linkedKey, event, synced, started)
                        : create(incidentId, event, synced, started)),
                started);
    }

    /** The {@code Authorization} header value of this attempt's calls (basic, or the current OAuth bearer token; null: none). */
    protected String authorization() {
        return header;
    }

    /** The key of the incident's first ticket of this target's system ({@code externalTickets}), or null. */
    private String linkedKey(JsonNode incident) {
        for (JsonNode ticket : incident.path("externalTickets")) {
            if (name.equalsIgnoreCase(ticket.path("system").asText("")) && !ticket.path("key").asText("").isBlank()) {
                return ticket.path("key").asText();
            }
        }
        return null;
    }

    /** The permanent failure of {@link #adoptLinked} when the target has no ticket with that key. */
    protected Attempt linkedTicketMissing(String key, long started) {
        return Attempt.permanent("the incident's " + name + " ticket " + key + " (linked by a person) is not in " + name
                + "; no second ticket is created: unlink it or correct the link", SyncHttp.elapsed(started));
    }

    /** A ticket the target made just now: recorded with what was written, then linked. */
    protected Uni<Attempt> created(SyncTickets.Ticket ticket, JsonNode event, Attempt attempt) {
        LOG.infof("incident %s: %s ticket %s created (id %s)", ticket.incidentId(), name, ticket.key(), ticket.externalId());
        return tickets.save(ticket, clock.instant()).chain(() -> linked(ticket, event, attempt));
    }

    /** An orphan an earlier attempt made: recorded (nothing known written), then brought up to date. */
    protected Uni<Attempt> adopted(SyncTickets.Ticket ticket, JsonNode event, Map<String, String> synced, long started) {
        LOG.infof("incident %s already has %s ticket %s: adopted, not created again", ticket.incidentId(), name, ticket.key());
        return tickets.save(ticket, clock.instant()).chain(() -> update(ticket, event, synced, started));
    }

    private Uni<Attempt> update(SyncTickets.Ticket ticket, JsonNode event, Map<String, String> synced, long started) {
        Map<String, String> changed = new LinkedHashMap<>();
        synced.forEach((field, value) -> {
            if (!Objects.equals(ticket.written().get(field), value)) {
                changed.put(field, value);
            }
        });
        boolean fromTarget = "PROVIDER".equals(event.path("actor").path("type").asText()) && name.equals(event.path("actor").path("id").asText());
        if ((changed.isEmpty() || fromTarget) && comment(event) == null) {
            // nothing the ticket lacks: the hub's own link, or a change the target itself made (the ticket already says it)
            SyncTickets.Ticket now = ticket.wrote(changed);
            Attempt nothing = Attempt.nothingToSend(changed.isEmpty() ? "the ticket " + ticket.key() + " already has these values"
                    : "the change came from " + name, SyncHttp.elapsed(started));
            return (changed.isEmpty() ? Uni.createFrom().voidItem() : tickets.save(now, clock.instant())).chain(() -> linked(now, event, nothing));
        }
        return push(ticket, event, changed, started).chain(attempt -> {
            SyncTickets.Ticket now = ticket.wrote(changed);
            boolean stateWritten = !Objects.equals(providerStatus(ticket), providerStatus(now));
            JsonNode incident = event.path("incident");
            return tickets.save(now, clock.instant()).chain(() -> linked(now, event, attempt)).call(() -> stateWritten && now.linked()
                    ? links.state(now, incident.path("version").asLong(), incident.path("title").asText(now.key()), providerStatus(now),
                            status(now))
                    : Uni.createFrom().voidItem());
        });
    }

    /** Links the ticket to the incident once (a TICKET signal the broker applies), then answers the attempt. */
    private Uni<Attempt> linked(SyncTickets.Ticket ticket, JsonNode event, Attempt attempt) {
        if (ticket.linked()) {
            return Uni.createFrom().item(attempt);
        }
        SyncTickets.Ticket done = new SyncTickets.Ticket(ticket.target(), ticket.incidentId(), ticket.externalId(), ticket.key(),
                ticket.url(), ticket.written(), true);
        return links.link(ticket, event.path("incident").path("title").asText(ticket.key()), providerStatus(ticket), status(ticket))
                .chain(() -> tickets.save(done, clock.instant()))
                .replaceWith(attempt);
    }

    /**
     * The comment a person added to the incident in the hub with this event ({@code IncidentEvent.comment},
     * from {@code POST /api/incidents/{id}/comments}), or null: the event of a person's comment, never a provider's
     * note (a ticket's own comments reach the timeline as NOTE lines and are not sent back).
     */
    public static String comment(JsonNode event) {
        String text = event.path("comment").asText("");
        return text.isBlank() || !"USER".equals(event.path("actor").path("type").asText()) ? null : text.strip();
    }

    /**
     * Who commented, where, for the line before a pushed comment's text:
     * {@code bob commented on siam-hub incident INC0000042:}.
     */
    public static String commentedBy(JsonNode event) {
        String who = event.path("actor").path("id").asText("");
        return (who.isBlank() ? "someone" : who) + " commented on siam-hub incident " + event.path("incident").path("number").asText("") + ":";
    }

    /**
     * One line saying what an incident event changed, by whom and why, for the ticket's work notes or
     * comments: {@code siam-hub INC0000042: updated; status NEW → IN_PROGRESS (by alice): reason}.
     */
    public static String note(JsonNode event) {
        StringBuilder note = new StringBuilder("siam-hub ").append(event.path("incident").path("number").asText("")).append(": ")
                .append(event.path("kind").asText("updated").toLowerCase(java.util.Locale.ROOT));
        for (JsonNode change : event.path("changes")) {
            note.append("; ").append(change.path("field").asText()).append(' ').append(change.path("from").asText("-")).append(" → ")
                    .append(change.path("to").asText("-"));
        }
        String actor = event.path("actor").path("id").asText("");
        if (!actor.isEmpty()) {
            note.append(" (by ").append(actor).append(')');
        }
        String reason = event.path("reason").asText("");
        if (!reason.isEmpty()) {
            note.append(": ").append(reason);
        }
        return note.toString();
    }

    /** What the hub knows of an incident, for a ticket's description: number, id, priority, owner, service, CI. */
    public static String facts(JsonNode incident) {
        StringBuilder facts = new StringBuilder("siam-hub incident ").append(incident.path("number").asText("")).append(" (")
                .append(incident.path("id").asText()).append("), priority ").append(incident.path("priority").asText(""))
                .append(", owner ").append(incident.path("owner").asText("-"));
        if (!incident.path("service").asText("").isEmpty()) {
            facts.append(", service ").append(incident.path("service").asText());
        }
        if (!incident.path("configurationItem").asText("").isEmpty()) {
            facts.append(", CI ").append(incident.path("configurationItem").asText());
        }
        return facts.toString();
    }

    /** A JSON body. */
    protected String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
