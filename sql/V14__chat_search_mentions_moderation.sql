-- Chat: full-text search, mentions and the facilitators' moderation queue (issue 13).

-- Search: an expression index (no table rewrite, no stored column); queries must use the same
-- expression, to_tsvector('english', body). Tombstones have an empty body, so they never match.
create index circle_messages_search on circle_messages using gin (to_tsvector('english', body));

-- Who a message mentions (@Display Name of a member, matched by the server when the message is
-- stored). Kept by user id so the notifications work can read them later; the per-circle badge
-- counts mentions past the member's read marker.
create table circle_mentions (
  user_id    bigint not null references users(id),
  circle_id  bigint not null references circles(id),
  seq        bigint not null,
  message_id bigint not null references circle_messages(id) on delete cascade,
  primary key (user_id, circle_id, seq)
);
create index circle_mentions_message on circle_mentions(message_id);

-- A facilitator can mute an author for a period; "muted" (indefinite) stays as it was.
alter table circle_members add column muted_until timestamptz;

-- Reports are resolved, not deleted: what was decided, by whom and when (the audit log has it too).
alter table circle_reports
  add column resolved_at timestamptz,
  add column resolved_by bigint references users(id),
  add column resolution  text check (resolution in ('dismissed', 'hidden', 'muted', 'removed'));
create index circle_reports_open on circle_reports(circle_id, id) where resolved_at is null;
