-- service-kit tables; every service has them in its own schema. Service migrations start at V10.

-- Outgoing events, written in the transaction of the state change, published by OutboxRelay.
create table outbox (
    seq          bigserial   not null,
    id           uuid        primary key,
    aggregate_id text        not null,
    topic        text        not null,
    ce_type      text        not null,
    ce_subject   text,
    payload      text        not null,
    created      timestamptz not null,
    sent         timestamptz
);
create unique index outbox_unsent on outbox (seq) where sent is null;
create index outbox_sent on outbox (sent) where sent is not null;

-- Wakes the relay when a transaction that added rows commits (delivered after commit, folded per transaction).
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify(tg_table_schema || '_outbox', '');
    return null;
end $$;
create trigger outbox_inserted after insert on outbox for each statement execute function outbox_notify();

-- The consumed-event log: which ce_ids each consumer applied, in the transaction of the effect.
create table processed_event (
    consumer     text        not null,
    ce_id        text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, ce_id)
);
create index processed_event_age on processed_event (processed_at);
