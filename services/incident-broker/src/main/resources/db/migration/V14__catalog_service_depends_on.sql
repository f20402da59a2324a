-- Services that depend on others (the change coordinator finds conflicts across them).
alter table catalog_service add column depends_on text;  -- comma separated service ids
