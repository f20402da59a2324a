-- Outbound webhook subscriptions (/api/subscriptions) and their delivery queue. Each subscription has
-- its own queue state here, so a slow or dead subscriber never holds a Kafka partition or another
-- subscriber's deliveries; the intake consumer only inserts, the dispatcher claims with a lease.
create table subscription (
    id              uuid        primary key,
    url             text        not null,
    events          text[]      not null,
    filters         text        not null,
    format          text        not null,
    secrets         text[]      not null,
    enabled         boolean     not null,
    disabled_reason text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- One row per event per subscription. seq orders the deliveries of one ordering key (the incident,
-- change or clock's incident) for one subscription: a delivery goes out only when no earlier one of
-- its key is still pending. lease_until marks a delivery being sent; a crashed sender's lease runs out
-- and the delivery goes out again (same webhook-id).
create table outbound_delivery (
    id              uuid        primary key,
    seq             bigserial   not null unique,
    subscription_id uuid        not null references subscription (id) on delete cascade,
    event_id        text        not null,
    event_type      text        not null,
    event_source    text        not null,
    event_subject   text,
    ordering_key    text        not null,
    event_time      timestamptz not null,
    content_type    text        not null,
    body            text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    window_start    timestamptz not null,
    next_attempt_at timestamptz not null,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    last_latency_ms bigint,
    delivered_at    timestamptz,
    dead_at         timestamptz,
    unique (subscription_id, event_id)
);
create index outbound_delivery_pending on outbound_delivery (subscription_id, ordering_key, seq) where status = 'PENDING';
create index outbound_delivery_due on outbound_delivery (next_attempt_at) where status = 'PENDING';
create index outbound_delivery_listing on outbound_delivery (subscription_id, status, seq);
