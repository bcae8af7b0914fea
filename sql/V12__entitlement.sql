-- Issue 10: peers are told of new viewers; program figures resist differencing; sign-in throttling
-- by account and address (the 15-minute account lock is gone; login_attempts from V1 is reused).

-- Who could see each of an owner's items when it was last checked. A viewer found that is not
-- listed yet is new: told_at stays null until the owner has been shown "X can now see Y". The owner's
-- own audience changes list their new viewers as already told (they made the change themselves).
create table disclosure_known_viewers (
  owner_id       bigint not null references users(id),
  kind           text not null,
  viewer_id      bigint not null references users(id),
  first_seen_at  timestamptz not null default now(),
  told_at        timestamptz,
  primary key (owner_id, kind, viewer_id)
);

-- Every released (not suppressed) program figure: its month and the exact check-ins behind it, with
-- each check-in's peer (parallel arrays). A later figure for the same month whose check-ins differ from
-- any of these in the contributions of 1..k-1 peers is suppressed (checkins/ProgramRelease).
create table checkin_program_releases (
  id           bigint generated always as identity primary key,
  org_id       bigint not null references organizations(id),
  month        text not null,
  checkin_ids  bigint[] not null,
  peer_ids     bigint[] not null,
  released_at  timestamptz not null default now(),
  check (cardinality(checkin_ids) = cardinality(peer_ids))
);
create index checkin_program_releases_month on checkin_program_releases(org_id, month);

-- Throttling counts failures per (account, address) since that pair's last success.
create index login_attempts_email_address on login_attempts(email, address, at);
