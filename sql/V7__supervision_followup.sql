-- Supervision follow-up: records a supervisee shares with another of their supervisors, and
-- materialized upcoming occurrences of each schedule (so dashboards never expand RRULEs per request).

-- A share grants read access only while the reader still supervises the peer (checked on every read);
-- revoking deletes the row, and the audit log keeps the history.
create table supervision_record_shares (
  session_id     bigint not null references supervision_records(session_id),
  supervisor_id  bigint not null references users(id),
  shared_at      timestamptz not null default now(),
  primary key (session_id, supervisor_id)
);

-- Upcoming occurrences of each schedule, expanded by ical4j when the schedule changes and again when
-- the stored window runs short, so dashboards read the next meeting with indexed SQL and never expand
-- an RRULE per request. occurrence_start is the local wall time (the series' identity, DST-safe);
-- starts_at the instant in the zone the rows were expanded for (occurrences_zone: a changed
-- organization zone triggers a re-expansion). Every occurrence starting before occurrences_until is here.
create table supervision_schedule_occurrences (
  schedule_id       bigint not null references supervision_schedules(id),
  occurrence_start  timestamp not null,
  starts_at         timestamptz not null,
  primary key (schedule_id, occurrence_start)
);
create index supervision_schedule_occurrences_next on supervision_schedule_occurrences(schedule_id, starts_at);
alter table supervision_schedules add column occurrences_until timestamptz, add column occurrences_zone text;
