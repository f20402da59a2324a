-- The last conflict a linked ticket raised per field (field ownership), as a JSON object {"priority": "<the difference>"}
-- (null: none standing): the same difference arriving again on a later webhook writes no second timeline line.
alter table incident_ticket add column conflicts text;
