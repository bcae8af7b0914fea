-- The relationships other features ask about: who supervises whom, who belongs to which circle.
-- Owned by supervision and circles respectively; their later migrations extend these tables.
create table supervision_pairings (
  id              bigint generated always as identity primary key,
  org_id          bigint not null references organizations(id),
  supervisor_id   bigint not null references users(id),
  supervisee_id   bigint not null references users(id),
  type            text not null check (type in ('peer', 'clinical', 'administrative')),
  credential      text,
  licence_number  text,
  created_at      timestamptz not null default now(),
  ended_at        timestamptz,
  check (supervisor_id <> supervisee_id),
  check (type <> 'clinical' or (credential is not null and licence_number is not null))
);
create unique index supervision_pairings_active on supervision_pairings(supervisor_id, supervisee_id, type) where ended_at is null;
create index supervision_pairings_supervisee on supervision_pairings(supervisee_id) where ended_at is null;

create table circles (
  id          bigint generated always as identity primary key,
  org_id      bigint not null references organizations(id),
  name        text not null check (length(name) between 1 and 120),
  created_at  timestamptz not null default now(),
  archived_at timestamptz
);
create index circles_org on circles(org_id);

create table circle_members (
  circle_id  bigint not null references circles(id),
  user_id    bigint not null references users(id),
  role       text not null default 'member' check (role in ('member', 'facilitator')),
  joined_at  timestamptz not null default now(),
  primary key (circle_id, user_id)
);
create index circle_members_user on circle_members(user_id);
