-- Circles: peer-only support groups with a durable, ordered chat. circles and circle_members come
-- from V2 (other features ask CircleMembership about them); this migration adds what chat needs.
alter table circles
  add column purpose        text not null default '' check (length(purpose) <= 2000),
  add column ground_rules   text not null default '' check (length(ground_rules) <= 4000),
  add column join_policy    text not null default 'invite' check (join_policy in ('open', 'invite', 'request')),
  add column meeting_time   text check (length(meeting_time) <= 200),
  add column retention_days int check (retention_days between 1 and 3650),
  -- The last seq handed out; "update ... set last_seq = last_seq + 1 returning" inside the insert
  -- transaction serialises writers per circle and rolls back with a failed insert (gap-free).
  add column last_seq       bigint not null default 0,
  add column created_by     bigint references users(id);

alter table circle_members
  add column accepted_at   timestamptz not null default now(),
  add column muted         boolean not null default false,
  -- Private read state: only its owner reads it (unread counts), never shown to others.
  add column last_read_seq bigint not null default 0;

-- Invitations (by a facilitator) and requests to join (by a peer), until accepted or approved.
create table circle_requests (
  circle_id   bigint not null references circles(id),
  user_id     bigint not null references users(id),
  kind        text not null check (kind in ('invite', 'request')),
  created_by  bigint not null references users(id),
  created_at  timestamptz not null default now(),
  primary key (circle_id, user_id)
);

create table circle_messages (
  id             bigint generated always as identity primary key,
  circle_id      bigint not null references circles(id),
  seq            bigint not null,
  author_id      bigint not null references users(id),
  client_msg_id  text not null check (length(client_msg_id) between 1 and 64),
  body           text not null check (length(body) <= 4000),
  reply_to       bigint references circle_messages(id) on delete set null,
  created_at     timestamptz not null default now(),
  edited_at      timestamptz,
  deleted_at     timestamptz,
  removed_by     bigint references users(id),
  unique (circle_id, seq),
  unique (circle_id, author_id, client_msg_id)
);
create index circle_messages_retention on circle_messages(circle_id, created_at);

-- Earlier versions of edited messages: facilitators only.
create table circle_message_edits (
  id          bigint generated always as identity primary key,
  message_id  bigint not null references circle_messages(id) on delete cascade,
  body        text not null,
  replaced_at timestamptz not null default now()
);
create index circle_message_edits_message on circle_message_edits(message_id);

-- Reports go to facilitators; the reporter is never shown to the author.
create table circle_reports (
  id           bigint generated always as identity primary key,
  circle_id    bigint not null references circles(id),
  message_id   bigint not null references circle_messages(id) on delete cascade,
  reporter_id  bigint not null references users(id),
  reason       text not null check (length(reason) between 1 and 1000),
  created_at   timestamptz not null default now(),
  unique (message_id, reporter_id)
);
create index circle_reports_circle on circle_reports(circle_id, id);

-- Crisis lines and local resources shown in every circle of the organization.
create table circle_crisis_resources (
  org_id      bigint primary key references organizations(id),
  body        text not null check (length(body) <= 4000),
  updated_by  bigint references users(id),
  updated_at  timestamptz not null default now()
);
