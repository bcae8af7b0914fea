-- A member taken out of a circle, by the app (leave, removal) or by any other tool, has their open
-- chat sockets closed on every node (4403). The notification rides the chat channel itself, so every
-- node hears it before any message committed after the removal (circles/SocketGuard).
create function circle_member_removed_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('circle_events', old.circle_id || ':x:' || old.user_id);
  return null;
end $$;

create trigger circle_members_removed after delete on circle_members
  for each row execute function circle_member_removed_notify();
