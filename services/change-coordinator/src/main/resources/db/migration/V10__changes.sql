-- Changes: the whole record as JSON (what the API and siam.changes.v1 carry), plus the columns queries filter on.
create sequence change_number;

create table change_request (
    id                 uuid primary key,
    number             text        not null unique,
    status             text        not null,
    origin             text        not null,
    type               text        not null,
    provider           text,
    provider_ref       text,
    implementer        text,
    requested_by       text,
    window_start       timestamptz,
    window_end         timestamptz,
    services           text        not null default '',   -- ,a,b, : every id between commas, for "contains"
    configuration_items text       not null default '',
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    notice_at          timestamptz,                         -- provider maintenance: when the latest applied notice was issued
    version            bigint      not null,
    document           text        not null                 -- ChangeRequest as JSON
);
create index change_request_created on change_request (created_at desc, id desc);
create index change_request_window on change_request (window_start, window_end);
create index change_request_status on change_request (status);
create unique index change_request_provider_ref on change_request (provider, provider_ref) where origin = 'PROVIDER_MAINTENANCE';

-- Freeze windows, lockdowns and agreed maintenance windows.
create table calendar_window (
    id         uuid primary key,
    kind       text        not null,   -- FREEZE | LOCKDOWN | MAINTENANCE
    name       text        not null,
    created_at timestamptz not null,
    version    bigint      not null,
    document   text        not null    -- CalendarWindow as JSON
);
create index calendar_window_kind on calendar_window (kind);

-- The copy of the catalog read from the compacted siam.catalog.v1 (latest record per key).
create table catalog_copy (
    key        text primary key,          -- <entity>:<id>
    entity     text        not null,      -- service | configuration-item | provider | ownership
    body       text        not null,
    updated_at timestamptz not null
);
