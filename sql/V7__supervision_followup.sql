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
