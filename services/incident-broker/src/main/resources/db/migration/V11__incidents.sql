-- Integrated incidents and everything that hangs off them.
create sequence incident_number;

create table incident (
    id                 uuid primary key,
    number             text        not null unique,
    title              text        not null,
    description        text,
    status             text        not null,
    impact             text        not null,
    urgency            text        not null,
    priority           text        not null,
    impact_overridden  boolean     not null default false,
    urgency_overridden boolean     not null default false,
    service            text,
    configuration_item text,
    owner              text,
    correlation_key    text        not null,  -- ci:<id> | service:<id> | fingerprint:<fp> | manual:<id>
    unmapped           boolean     not null default false,
    maintenance        boolean     not null default false,
    paging_held        boolean     not null default false,
    provider_resolved  boolean     not null default false,
    handled_by_person  boolean     not null default false,
    signal_count       bigint      not null default 0,
    firing_signals     integer     not null default 0,
    fingerprints       text,                  -- JSON array, joining order
    first_seen         timestamptz,
    last_seen          timestamptz,
    created_at         timestamptz not null,
    acknowledged_at    timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    last_activity_at   timestamptz not null,
    auto_resolve_at    timestamptz,
    version            bigint      not null
) with (fillfactor = 80);                  -- room for HOT updates: repeats update every batch
-- only columns that rarely change are indexed, so the per-batch updates of counts and times stay HOT
create index incident_open_by_key on incident (correlation_key) where status not in ('RESOLVED', 'CLOSED');
create index incident_auto_resolve on incident (auto_resolve_at) where auto_resolve_at is not null;
create index incident_created on incident (created_at desc, id desc);
create index incident_status on incident (status);

-- Each distinct alert fingerprint on an incident, with its own state.
create table incident_signal (
    id                 uuid primary key,
    incident_id        uuid        not null references incident (id),
    fingerprint        text        not null,
    provider           text        not null,
    provider_ref       text,
    title              text,
    status             text        not null,  -- FIRING | RESOLVED
    severity           text        not null,
    first_seen         timestamptz not null,
    last_seen          timestamptz not null,
    count              bigint      not null,
    joined_by          text        not null,  -- the rule that put it on the incident
    transitions        text        not null default '',  -- epoch millis of recent FIRING<->RESOLVED changes
    flapping           boolean     not null default false,
    last_transition_at timestamptz,
    unique (incident_id, fingerprint)
) with (fillfactor = 80);
create index incident_signal_fingerprint on incident_signal (fingerprint);
create index incident_signal_flapping on incident_signal (last_transition_at) where flapping;

-- Provider tickets (ServiceNow, Jira, PagerDuty), linked to an incident or waiting for a person to link them.
create table incident_ticket (
    id              text primary key,      -- <system>:<key>
    system          text        not null,
    key             text        not null,
    url             text,
    provider_status text,
    status          text,
    incident_id     uuid references incident (id),
    updated_at      timestamptz not null
);
create index incident_ticket_incident on incident_ticket (incident_id);
create index incident_ticket_unlinked on incident_ticket (updated_at desc) where incident_id is null;

create table incident_change (
    id          text primary key,          -- <incident id>:<change id>
    incident_id uuid not null references incident (id),
    change_id   text not null
);
create index incident_change_incident on incident_change (incident_id);
create index incident_change_change on incident_change (change_id);

-- Every change to an incident: when, who, what and why.
create table incident_timeline (
    id          uuid primary key,
    seq         bigserial   not null,      -- insertion order, for lines with the same time
    incident_id uuid        not null references incident (id),
    at          timestamptz not null,
    actor_type  text        not null,
    actor       text        not null,
    what        text        not null,
    reason      text,
    changes     text                       -- JSON array of FieldChange, null when none
);
create index incident_timeline_incident on incident_timeline (incident_id, at, seq);

-- Approved maintenance windows known from siam.changes.v1.
create table maintenance_window (
    change_id text primary key,
    number    text,
    title     text,
    status    text        not null,
    starts_at timestamptz not null,
    ends_at   timestamptz,
    targets   text        not null         -- comma-separated ci:<id> and service:<id>
);

-- SLA clocks of an incident, as sla-monitor last reported them.
create table incident_sla (
    clock_id      text primary key,
    incident_id   text        not null,
    definition_id text,
    agreement     text,
    metric        text,
    state         text        not null,
    stage_percent integer,
    due_at        timestamptz,
    remaining     text,
    updated_at    timestamptz not null
);
create index incident_sla_incident on incident_sla (incident_id);
