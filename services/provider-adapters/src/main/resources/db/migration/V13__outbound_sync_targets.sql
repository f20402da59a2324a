-- Two-way sync targets (ServiceNow, Jira) ride the outbound queue: each configured target is a built-in
-- subscription row (target <> 'webhook', hidden from /api/subscriptions) whose deliveries the target's
-- sender turns into REST calls. paused_until holds back every delivery of a subscription after a 429
-- (Retry-After), so a rate-limited target slows down alone.
alter table subscription add column target text not null default 'webhook';
alter table subscription add column paused_until timestamptz;

-- The external ticket each synced incident has in each target: found again before any create (Jira's
-- search lags behind its creates), and what the hub last wrote to it (field -> value), so an update
-- sends only what changed and an inbound webhook that only reflects those values is recognised as an
-- echo. linked: the TICKET signal that puts the ticket on the incident's externalTickets was acknowledged.
create table sync_ticket (
    target       text        not null,
    incident_id  text        not null,
    external_id  text        not null,
    external_key text        not null,
    url          text,
    written      text        not null,
    linked       boolean     not null default false,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    primary key (target, incident_id)
);
create index sync_ticket_external on sync_ticket (target, external_id);
