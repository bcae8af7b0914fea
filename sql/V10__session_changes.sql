-- Nodes remember signed-in sessions briefly (platform/auth/SessionCache). Any change that could end
-- or alter what a session stands for tells every node at commit, whatever code or tool made it:
-- a session revoked or deleted, or its person disabled, moved, renamed or given other roles.
create function session_changed_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('session_changed', (to_jsonb(coalesce(new, old)) ->> TG_ARGV[0]));
  return null;
end $$;

create trigger sessions_changed after update or delete on sessions
  for each row execute function session_changed_notify('user_id');
create trigger users_session_changed after update on users
  for each row when (old.active is distinct from new.active or old.roles is distinct from new.roles
                     or old.org_id is distinct from new.org_id or old.email is distinct from new.email
                     or old.display_name is distinct from new.display_name)
  execute function session_changed_notify('id');
