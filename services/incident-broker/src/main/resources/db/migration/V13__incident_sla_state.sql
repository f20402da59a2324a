-- The SLA monitor now publishes each clock's state and breach flag with every event (issue 10):
-- state is the clock's state (RUNNING, PAUSED, MET, BREACHED, CANCELLED), last_event the event kind that set it.
alter table incident_sla add column breached boolean not null default false;
alter table incident_sla add column breached_at timestamptz;
alter table incident_sla add column party text;
alter table incident_sla add column last_event text;
