-- Supervisor dashboards are cached per node and served while the supervisor's stamp is unchanged.
-- Every change to something a dashboard shows replaces the stamp in the same transaction, so a
-- reader on any node sees the new stamp exactly when the change commits (never before, never
-- later), whichever code path or tool made the change. Versions come from one sequence, so a stamp
-- never repeats, even for a supervisor whose row is new.
create sequence supervision_dashboard_version;

create table supervision_dashboard_stamps (
  supervisor_id  bigint primary key references users(id),
  version        bigint not null
);

-- Supervisors in id order, so two transactions bumping overlapping sets cannot deadlock.
create function supervision_dashboard_bump(supervisors bigint[]) returns void language sql as $$
  insert into supervision_dashboard_stamps (supervisor_id, version)
  select s, nextval('supervision_dashboard_version')
    from (select distinct s from unnest(supervisors) s where s is not null order by s) x
  on conflict (supervisor_id) do update set version = excluded.version
$$;

create function supervision_dashboard_bump_pairings(pairing_ids bigint[]) returns void language sql as $$
  select supervision_dashboard_bump(array(select supervisor_id from supervision_pairings where id = any(pairing_ids)))
$$;

-- Tables keyed by pairing: schedules (and their stored occurrences, replaced together with the
-- schedule row), sessions, action items, agreements. Statement-level, so bulk inserts bump once.
create function supervision_dashboard_touch_pairing() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform supervision_dashboard_bump_pairings(array(select distinct pairing_id from new_rows));
  elsif TG_OP = 'UPDATE' then
    perform supervision_dashboard_bump_pairings(array(select pairing_id from new_rows union select pairing_id from old_rows));
  else
    perform supervision_dashboard_bump_pairings(array(select distinct pairing_id from old_rows));
  end if;
  return null;
end $$;

create function supervision_dashboard_touch_supervisor() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    perform supervision_dashboard_bump(array(select supervisor_id from new_rows));
  elsif TG_OP = 'UPDATE' then
    perform supervision_dashboard_bump(array(select supervisor_id from new_rows union select supervisor_id from old_rows));
  else
    perform supervision_dashboard_bump(array(select supervisor_id from old_rows));
  end if;
  return null;
end $$;

-- Drift flags belong to check-ins; the dashboard shows a peer's open flags to their current supervisors.
create function supervision_dashboard_touch_peer() returns trigger language plpgsql as $$
begin
  if TG_OP = 'DELETE' then
    perform supervision_dashboard_bump(array(select p.supervisor_id from supervision_pairings p
                                              where p.supervisee_id in (select peer_id from old_rows)));
  else
    perform supervision_dashboard_bump(array(select p.supervisor_id from supervision_pairings p
                                              where p.supervisee_id in (select peer_id from new_rows)));
  end if;
  return null;
end $$;

-- Names (of supervisors and supervisees) appear on dashboards.
create function supervision_dashboard_touch_user() returns trigger language plpgsql as $$
begin
  perform supervision_dashboard_bump(array(select p.supervisor_id from supervision_pairings p where p.supervisee_id = new.id)
                                     || new.id);
  return null;
end $$;

-- The organization's grace period and time zone decide "overdue" and local meeting times.
-- TG_ARGV[0] names the column holding the organization's id.
create function supervision_dashboard_touch_org() returns trigger language plpgsql as $$
begin
  perform supervision_dashboard_bump(array(select p.supervisor_id from supervision_pairings p
                                            where p.org_id = (to_jsonb(new) ->> TG_ARGV[0])::bigint));
  return null;
end $$;

do $$
declare t text;
begin
  foreach t in array array['supervision_schedules', 'supervision_sessions', 'supervision_action_items', 'supervision_agreements'] loop
    execute format('create trigger %1$s_dashboard_ins after insert on %1$s referencing new table as new_rows
                      for each statement execute function supervision_dashboard_touch_pairing()', t);
    execute format('create trigger %1$s_dashboard_upd after update on %1$s referencing new table as new_rows old table as old_rows
                      for each statement execute function supervision_dashboard_touch_pairing()', t);
    execute format('create trigger %1$s_dashboard_del after delete on %1$s referencing old table as old_rows
                      for each statement execute function supervision_dashboard_touch_pairing()', t);
  end loop;
end $$;

create trigger supervision_pairings_dashboard_ins after insert on supervision_pairings referencing new table as new_rows
  for each statement execute function supervision_dashboard_touch_supervisor();
create trigger supervision_pairings_dashboard_upd after update on supervision_pairings
  referencing new table as new_rows old table as old_rows for each statement execute function supervision_dashboard_touch_supervisor();
create trigger supervision_pairings_dashboard_del after delete on supervision_pairings referencing old table as old_rows
  for each statement execute function supervision_dashboard_touch_supervisor();

create trigger checkin_flags_dashboard_ins after insert on checkin_flags referencing new table as new_rows
  for each statement execute function supervision_dashboard_touch_peer();
create trigger checkin_flags_dashboard_upd after update on checkin_flags referencing new table as new_rows old table as old_rows
  for each statement execute function supervision_dashboard_touch_peer();
create trigger checkin_flags_dashboard_del after delete on checkin_flags referencing old table as old_rows
  for each statement execute function supervision_dashboard_touch_peer();

create trigger users_dashboard_name after update of display_name on users
  for each row when (old.display_name is distinct from new.display_name) execute function supervision_dashboard_touch_user();
create trigger organizations_dashboard_zone after update of time_zone on organizations
  for each row when (old.time_zone is distinct from new.time_zone) execute function supervision_dashboard_touch_org('id');
create trigger supervision_settings_dashboard after insert or update on supervision_settings
  for each row execute function supervision_dashboard_touch_org('org_id');
