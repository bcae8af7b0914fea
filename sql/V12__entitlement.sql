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

-- Every released (not suppressed) program figure: the month and the exact set of peers behind it.
-- A later figure for the same month whose set differs from any of these by 1..k-1 peers is suppressed.
create table checkin_program_releases (
  org_id       bigint not null references organizations(id),
  month        text not null,
  peer_ids     bigint[] not null,
  released_at  timestamptz not null default now(),
  primary key (org_id, month, peer_ids)
);

-- Throttling counts failures per (account, address) since that pair's last success.
create index login_attempts_email_address on login_attempts(email, address, at);
