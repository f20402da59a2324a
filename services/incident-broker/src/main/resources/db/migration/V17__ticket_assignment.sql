-- The assignment a linked provider ticket had when its signal was last judged against the incident's owner
-- (tickets.ownership.assignment): a ServiceNow assignment_group, a Jira assignee. Null: none judged yet.
alter table incident_ticket add column assignment text;
