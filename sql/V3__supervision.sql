-- Supervision: agreements, schedules, sessions, structured records, action items, agenda, feed tokens.
-- Pairings themselves live in V2 (other features ask about them through Pairings).

create table supervision_settings (
  org_id      bigint primary key references organizations(id),
  grace_days  int not null default 7 check (grace_days between 0 and 90)
);

-- Every change is a new version; both people acknowledge the version they read.
create table supervision_agreements (
  id               bigint generated always as identity primary key,
  pairing_id       bigint not null references supervision_pairings(id),
  version          int not null,
  cadence          text not null check (length(cadence) between 1 and 500),
  confidentiality  text not null check (length(confidentiality) between 1 and 4000),
  expectations     text not null check (length(expectations) between 1 and 4000),
  created_by       bigint not null references users(id),
  created_at       timestamptz not null default now(),
  supervisor_ack_at timestamptz,
  supervisee_ack_at timestamptz,
  unique (pairing_id, version)
);

-- A recurring series; first_start is a local date-time in the organization's zone, so DST never moves it.
create table supervision_schedules (
  id                bigint generated always as identity primary key,
  pairing_id        bigint not null references supervision_pairings(id),
  rrule             text not null check (length(rrule) between 5 and 300),
  first_start       timestamp not null,
  duration_minutes  int not null check (duration_minutes between 10 and 480),
  modality          text not null check (modality in ('in_person', 'video', 'phone')),
  cadence_days      int not null check (cadence_days between 1 and 366),
  created_at        timestamptz not null default now(),
  ended_at          timestamptz
);
create unique index supervision_schedules_active on supervision_schedules(pairing_id) where ended_at is null;

-- Concrete sessions: a touched occurrence of a series (rescheduled, cancelled, held, missed, recorded) or a one-off.
-- (schedule_id, occurrence_start) names the series occurrence it stands for, so the series itself never changes.
create table supervision_sessions (
  id                bigint generated always as identity primary key,
  org_id            bigint not null references organizations(id),
  pairing_id        bigint not null references supervision_pairings(id),
  schedule_id       bigint references supervision_schedules(id),
  occurrence_start  timestamp,
  starts_at         timestamptz not null,
  duration_minutes  int not null check (duration_minutes between 10 and 480),
  modality          text not null check (modality in ('in_person', 'video', 'phone')),
  session_type      text not null default 'individual' check (session_type in ('individual', 'group', 'direct_observation')),
  status            text not null default 'scheduled' check (status in ('scheduled', 'held', 'missed', 'cancelled')),
  created_at        timestamptz not null default now(),
  unique (schedule_id, occurrence_start)
);
create index supervision_sessions_pairing on supervision_sessions(pairing_id, starts_at);
create index supervision_sessions_held on supervision_sessions(pairing_id, starts_at desc) where status = 'held';
create index supervision_sessions_upcoming on supervision_sessions(pairing_id, starts_at) where status in ('scheduled', 'cancelled');

create table supervision_records (
  session_id       bigint primary key references supervision_sessions(id),
  pairing_id       bigint not null references supervision_pairings(id),
  org_id           bigint not null references organizations(id),
  status           text not null default 'draft' check (status in ('draft', 'finalized', 'acknowledged')),
  content          jsonb not null,
  version          int not null default 1,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  finalized_by     bigint references users(id),
  finalized_at     timestamptz,
  content_hash     text,
  acknowledged_by  bigint references users(id),
  acknowledged_at  timestamptz,
  ack_comment      text check (length(ack_comment) <= 4000)
);
create index supervision_records_pairing on supervision_records(pairing_id, session_id desc);

-- A signed record never changes: only its acknowledgement may be added, once.
create function supervision_record_is_immutable() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.content is distinct from old.content or new.content_hash is distinct from old.content_hash
      or new.finalized_at is distinct from old.finalized_at or (old.status = 'acknowledged')) then
    raise exception 'a finalized supervision record is immutable' using errcode = '42501';
  end if;
  return new;
end $$;
create trigger supervision_records_immutable before update on supervision_records
  for each row execute function supervision_record_is_immutable();
create trigger supervision_records_no_delete before delete on supervision_records
  for each row execute function audit_log_is_append_only();

create table supervision_amendments (
  id          bigint generated always as identity primary key,
  session_id  bigint not null references supervision_records(session_id),
  author_id   bigint not null references users(id),
  body        text not null check (length(body) between 1 and 8000),
  created_at  timestamptz not null default now()
);
create index supervision_amendments_session on supervision_amendments(session_id, id);
create trigger supervision_amendments_append_only before update or delete on supervision_amendments
  for each row execute function audit_log_is_append_only();

create table supervision_action_items (
  id                 bigint generated always as identity primary key,
  pairing_id         bigint not null references supervision_pairings(id),
  origin_session_id  bigint not null references supervision_sessions(id),
  body               text not null check (length(body) between 1 and 1000),
  owner_id           bigint not null references users(id),
  due_date           date,
  status             text not null default 'open' check (status in ('open', 'done', 'dropped')),
  closed_session_id  bigint references supervision_sessions(id),
  created_at         timestamptz not null default now()
);
create index supervision_action_items_open on supervision_action_items(pairing_id) where status = 'open';

-- What each finalized session decided about earlier open items (done, dropped or carried).
create table supervision_item_reviews (
  session_id  bigint not null references supervision_sessions(id),
  item_id     bigint not null references supervision_action_items(id),
  decision    text not null check (decision in ('done', 'dropped', 'carried')),
  primary key (session_id, item_id)
);

-- The peer's own agenda; pending (session_id null) until a finalized record takes it up.
create table supervision_agenda_items (
  id          bigint generated always as identity primary key,
  pairing_id  bigint not null references supervision_pairings(id),
  author_id   bigint not null references users(id),
  body        text not null check (length(body) between 1 and 1000),
  session_id  bigint references supervision_sessions(id),
  created_at  timestamptz not null default now()
);
create index supervision_agenda_pending on supervision_agenda_items(pairing_id) where session_id is null;

-- Only a hash of the secret is stored; the URL itself is shown once, when created or rotated.
create table supervision_feed_tokens (
  user_id     bigint primary key references users(id),
  org_id      bigint not null references organizations(id),
  token_hash  text not null unique,
  created_at  timestamptz not null default now()
);

create index supervision_pairings_supervisor on supervision_pairings(supervisor_id) where ended_at is null;
create index supervision_pairings_org on supervision_pairings(org_id, id);
