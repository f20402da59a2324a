-- A row without payload is published as a tombstone (null value): how a compacted topic forgets a key.
alter table outbox alter column payload drop not null;
