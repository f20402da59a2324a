-- The service catalog: what runs the business, who runs it, and which signals belong to what.
create table catalog_provider (
    id                 text primary key,
    name               text not null,
    contract_reference text
);

create table catalog_service (
    id             text primary key,
    name           text not null,
    description    text,
    criticality    text not null,
    business_owner text
);

create table catalog_ci (
    id          text primary key,
    name        text not null,
    type        text,
    service     text,
    provider    text,
    criticality text,
    match_rules text not null            -- JSON array of MatchRule
);

create table catalog_ownership (
    id         text primary key,
    scope      text not null,            -- SERVICE | CONFIGURATION_ITEM
    target     text not null,
    owner_type text not null,            -- PROVIDER | RESOLVER_GROUP
    owner      text not null
);
create index catalog_ownership_target on catalog_ownership (scope, target);
