-- Role-drift check-ins: the peer's own picture of their working time, scored against a versioned
-- instrument (instrument_version on every row so history survives instrument changes).

create table checkin_settings (
  org_id        bigint primary key references organizations(id),
  threshold     integer not null default 25 check (threshold between 0 and 100),
  cadence_days  integer not null default 14 check (cadence_days between 1 and 90)
);

create table checkins (
  id                  bigint generated always as identity primary key,
  org_id              bigint not null references organizations(id),
  peer_id             bigint not null references users(id),
  instrument_version  integer not null,
  period_end          date not null,
  unit                text not null check (unit in ('percent', 'hours')),
  amounts             jsonb not null,          -- activity code -> amount as entered (percent or hours)
  shares              jsonb not null,          -- activity code -> percent of total working time
  pulses              jsonb not null,          -- pulse code -> 1..5
  reflection          text check (length(reflection) <= 4000),
  discuss             boolean not null default false,
  share_answers       boolean not null default false,
  share_reflection    boolean not null default false,
  score               double precision not null check (score between 0 and 100),
  created_at          timestamptz not null default now(),
  unique (peer_id, period_end)
);
create index checkins_peer on checkins(peer_id, period_end desc);
create index checkins_org_period on checkins(org_id, period_end);

create table checkin_flags (
  id                     bigint generated always as identity primary key,
  org_id                 bigint not null references organizations(id),
  checkin_id             bigint not null references checkins(id),
  peer_id                bigint not null references users(id),
  kind                   text not null,
  detail                 text not null,
  created_at             timestamptz not null default now(),
  resolved_at            timestamptz,
  resolved_by            bigint references users(id),
  resolved_in_record_id  bigint
);
create index checkin_flags_checkin on checkin_flags(checkin_id);
create index checkin_flags_open on checkin_flags(peer_id) where resolved_at is null;

-- The optional supervisor perspective: the same activities, rated by a supervisor for the same period.
create table checkin_supervisor_ratings (
  checkin_id     bigint not null references checkins(id),
  supervisor_id  bigint not null references users(id),
  unit           text not null check (unit in ('percent', 'hours')),
  amounts        jsonb not null,
  shares         jsonb not null,
  score          double precision not null check (score between 0 and 100),
  rated_at       timestamptz not null default now(),
  primary key (checkin_id, supervisor_id)
);
