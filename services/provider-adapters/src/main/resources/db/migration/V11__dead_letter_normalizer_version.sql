-- The mapping version (NormalizerVersion) that last failed each dead letter: letters of an earlier
-- version may map now, and a replay says which version failed them and which one tried again.
-- Letters from before the version was recorded were written by version 1.
alter table dead_letter add column normalizer_version integer not null default 1;
