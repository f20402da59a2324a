-- The kit probe's state (tests only).
create table kit_probe (
    id      text primary key,
    value   text not null,
    applied integer not null default 0
);
