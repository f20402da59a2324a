-- The keys a provider ticket had before (a Jira issue moved to another project: OPS-12 -> SUP-7), as a JSON
-- array, oldest first (null: none): a person may still link the ticket by one of them.
alter table incident_ticket add column previous_keys text;
