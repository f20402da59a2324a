-- sla-monitor: calendars, definitions, the incidents' history, and the clocks built from it.

-- Business calendars: the JSON of PUT /api/sla/calendars/{id}.
create table sla_calendar (
    id         text        primary key,
    spec       text        not null,
    updated_at timestamptz not null
);

-- SLA / OLA / UC definitions: the JSON of PUT /api/sla/definitions/{id}.
create table sla_definition (
    id          text        primary key,
    spec        text        not null,
    calendar_id text        not null references sla_calendar (id),
    updated_at  timestamptz not null
);

-- Grows with every calendar or definition write: each instance reloads its cached model when it changes.
create table sla_model_version (
    id      int    primary key,
    version bigint not null
);
insert into sla_model_version (id, version) values (1, 0);

-- Parties read from siam.catalog.v1 (key = the catalog record's key): providers and resolver groups.
create table catalog_party (
    key   text primary key,
    party text not null,
    kind  text not null
);

-- Each incident's history: one row per observed change of something a clock depends on.
create table incident_observation (
    incident_id        uuid        not null,
    version            bigint      not null,
    ce_id              text        not null,
    kind               text        not null,
    at                 timestamptz not null,
    number             text,
    status             text        not null,
    priority           text,
    service            text,
    configuration_item text,
    owner              text,
    maintenance        boolean     not null,
    created_at         timestamptz,
    acknowledged_at    timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    why                text,
    primary key (incident_id, version)
);

-- The latest state of each incident: the status page and the reports read it.
create table incident_state (
    incident_id        uuid        primary key,
    number             text,
    title              text,
    status             text        not null,
    priority           text,
    service            text,
    configuration_item text,
    owner              text,
    maintenance        boolean     not null,
    created_at         timestamptz,
    acknowledged_at    timestamptz,
    resolved_at        timestamptz,
    closed_at          timestamptz,
    version            bigint      not null,
    hops               int         not null,
    updated_at         timestamptz not null
);
create index incident_state_created on incident_state (created_at);

-- The clocks. next_due_at is the timer index: the scheduler reads the due ones with for update skip locked.
create table sla_clock (
    id                uuid        primary key,
    incident_id       uuid        not null,
    incident_number   text,
    definition_id     text        not null,
    generation        int         not null,
    type              text        not null,
    party             text        not null,
    metric            text        not null,
    calendar_id       text        not null,
    target            text        not null,
    stages            text        not null,
    priority          text,
    service           text,
    owner             text,
    state             text        not null,
    breached          boolean     not null,
    breached_at       timestamptz,
    started_at        timestamptz not null,
    stopped_at        timestamptz,
    due_at            timestamptz,
    elapsed           text        not null,
    remaining         text        not null,
    stage             int         not null,
    running_since     timestamptz,
    elapsed_before    text,
    next_due_at       timestamptz,
    evaluated_at      timestamptz not null,
    segments          text        not null,
    timeline          text        not null
) with (fillfactor = 80);
create index sla_clock_next_due on sla_clock (next_due_at) where next_due_at is not null;
create index sla_clock_incident on sla_clock (incident_id);
create index sla_clock_incident_number on sla_clock (incident_number);
create index sla_clock_active on sla_clock (definition_id) where state in ('RUNNING', 'PAUSED');
create index sla_clock_stopped on sla_clock (stopped_at) where stopped_at is not null;
create index sla_clock_started on sla_clock (started_at, id);
create index sla_clock_breached on sla_clock (breached_at) where breached_at is not null;
