-- Raw webhooks the normalizer could not map, indexed from siam.inbound.v1.provider-adapters.dlq so that
-- they can be listed and replayed through the current mapping (/api/dlq).
create table dead_letter (
    id                uuid        primary key,
    inbound_ce_id     text        not null unique,
    provider          text        not null,
    endpoint          text        not null,
    cause             text        not null,
    reason            text        not null,
    adapter_version   text,
    inbound_partition integer     not null,
    inbound_offset    bigint      not null,
    received_at       timestamptz,
    failed_at         timestamptz not null,
    failures          integer     not null,
    status            text        not null,
    replayed_at       timestamptz,
    replayed_signals  integer,
    headers           text        not null,
    body              bytea       not null
);
create index dead_letter_pending on dead_letter (provider, failed_at) where status = 'PENDING';
