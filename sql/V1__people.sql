-- Organizations, people, roles, teams, sign-in sessions, login throttling and the audit log.
create extension if not exists citext;

create table organizations (
  id          bigint generated always as identity primary key,
  name        text not null check (length(name) between 1 and 200),
  time_zone   text not null default 'America/New_York',
  created_at  timestamptz not null default now()
);

create table users (
  id             bigint generated always as identity primary key,
  org_id         bigint not null references organizations(id),
  email          citext not null unique check (length(email) between 3 and 254),
  display_name   text not null check (length(display_name) between 1 and 120),
  password_hash  text,
  roles          text[] not null default '{}'
                 check (roles <@ array['admin','supervisor','peer']::text[]),
  active         boolean not null default true,
  created_at     timestamptz not null default now()
);
create index users_org on users(org_id, display_name);

create table teams (
  id          bigint generated always as identity primary key,
  org_id      bigint not null references organizations(id),
  name        text not null check (length(name) between 1 and 120),
  created_at  timestamptz not null default now(),
  unique (org_id, name)
);

create table team_members (
  team_id   bigint not null references teams(id) on delete cascade,
  user_id   bigint not null references users(id),
  joined_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
create index team_members_user on team_members(user_id);

-- One row per sign-in; the JWT names it, so sign-out and disabling take effect on the next request.
create table sessions (
  id          uuid primary key,
  user_id     bigint not null references users(id),
  csrf_token  text not null,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  revoked_at  timestamptz
);
create index sessions_user on sessions(user_id);

create table login_attempts (
  id        bigint generated always as identity primary key,
  at        timestamptz not null default now(),
  email     citext not null,
  address   text not null,
  success   boolean not null
);
create index login_attempts_email on login_attempts(email, at);
create index login_attempts_address on login_attempts(address, at);

-- Append-only: the application may insert, never change or remove.
create table audit_log (
  id            bigint generated always as identity primary key,
  at            timestamptz not null default now(),
  org_id        bigint references organizations(id),
  actor_id      bigint references users(id),
  action        text not null,
  subject_type  text,
  subject_id    text,
  address       text,
  detail        jsonb not null default '{}'
);
create index audit_log_org on audit_log(org_id, id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = '42501';
end $$;

create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();
