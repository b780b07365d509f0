-- Every webhook the relay acknowledged. One schema serves the embedded H2 default (in PostgreSQL mode) and
-- PostgreSQL, so only types and syntax that both understand are used here.
create table clickwrap_event (
    id                uuid                     not null primary key,
    deduplication_key varchar(1024)             not null,
    notification_id   varchar(255)             not null,
    event_type        varchar(255)             not null,
    payload           text                     not null,
    status            varchar(16)              not null,
    received_at       timestamp with time zone not null,
    attempts          integer                  not null default 0,
    next_attempt_at   timestamp with time zone,
    last_error        varchar(2000),
    finished_at       timestamp with time zone,
    constraint clickwrap_event_deduplication_key unique (deduplication_key)
);

create index clickwrap_event_due on clickwrap_event (status, next_attempt_at);
create index clickwrap_event_finished on clickwrap_event (finished_at);
