-- What the signal of an unmapped incident said about where it belongs (provider, resource, service, labels):
-- when the catalog learns a CI, the open unmapped incidents its match rules fit are placed from it.
alter table incident add column placement_facts text;
create index incident_open_unmapped on incident (created_at) where unmapped and status not in ('RESOLVED', 'CLOSED');
