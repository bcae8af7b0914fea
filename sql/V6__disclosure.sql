-- Disclosure: items a peer may share about themself, who may see each, who looked, what changed.
-- Item content is AES-256-GCM ciphertext (12-byte IV || ciphertext || tag) so a dump or backup shows nothing.
create table disclosure_items (
  id          bigint generated always as identity primary key,
  org_id      bigint not null references organizations(id),
  owner_id    bigint not null references users(id),
  kind        text not null check (kind in ('identifies_as_peer', 'lived_experience', 'recovery_story', 'accommodations',
                                            'pronouns', 'languages', 'focus_populations', 'topics_to_avoid')),
  content     bytea not null,
  updated_at  timestamptz not null default now(),
  unique (owner_id, kind)
);
create index disclosure_items_org_owner on disclosure_items(org_id, owner_id);

-- One row per audience of one item; no row means "only me". Evaluated at read time against the
-- current pairings, circles and teams, so leaving one of them takes away what it gave.
create table disclosure_grants (
  id          bigint generated always as identity primary key,
  item_id     bigint not null references disclosure_items(id) on delete cascade,
  owner_id    bigint not null references users(id),
  audience    text not null check (audience in ('person', 'supervisors', 'pairing', 'circle', 'team', 'organization')),
  target_id   bigint,
  expires_at  timestamptz,
  created_at  timestamptz not null default now(),
  check ((audience in ('person', 'pairing', 'circle')) = (target_id is not null))
);
create index disclosure_grants_owner on disclosure_grants(owner_id);
create index disclosure_grants_item on disclosure_grants(item_id);

-- Append-only: every time someone other than the owner was shown one of the owner's items.
create table disclosure_access_log (
  id          bigint generated always as identity primary key,
  owner_id    bigint not null references users(id),
  viewer_id   bigint not null references users(id),
  kind        text not null,
  at          timestamptz not null default now(),
  shown_where text not null check (length(shown_where) between 1 and 60)
);
create index disclosure_access_log_owner on disclosure_access_log(owner_id, id);

-- Append-only: the owner's own settings changes (kinds and audiences, never content).
create table disclosure_history (
  id          bigint generated always as identity primary key,
  owner_id    bigint not null references users(id),
  at          timestamptz not null default now(),
  action      text not null,
  kind        text,
  detail      jsonb not null default '{}'
);
create index disclosure_history_owner on disclosure_history(owner_id, id);

create function disclosure_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end $$;

create trigger disclosure_access_log_no_update before update or delete on disclosure_access_log
  for each row execute function disclosure_log_is_append_only();
create trigger disclosure_access_log_no_truncate before truncate on disclosure_access_log
  for each statement execute function disclosure_log_is_append_only();
create trigger disclosure_history_no_update before update or delete on disclosure_history
  for each row execute function disclosure_log_is_append_only();
create trigger disclosure_history_no_truncate before truncate on disclosure_history
  for each statement execute function disclosure_log_is_append_only();
