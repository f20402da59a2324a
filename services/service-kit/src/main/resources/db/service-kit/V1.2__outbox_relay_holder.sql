-- Which relay instance last took the outbox over (OutboxRelay). An instance that finds another's id here first
-- reconciles the unsent rows with the log: that one may have been killed between its sends and its commit.
create table outbox_relay (
    singleton boolean     primary key default true check (singleton),
    holder    uuid        not null,
    since     timestamptz not null
);
