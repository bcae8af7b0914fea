-- A supervisor sees a check-in's flags that restate the peer's answers (pulses, time on medication) only
-- while the peer shares the answers (checkins.CheckInScoring.supervisorSees), so a sharing change changes
-- what a supervisor's dashboard shows: replace the stamp of the peer's supervisors in the same transaction,
-- as V9 does for the flags themselves. (A trigger with a column list cannot have transition tables, hence
-- per row, and only when the choice really changed.)
create function checkins_dashboard_sharing() returns trigger language plpgsql as $$
begin
  perform supervision_dashboard_bump(array(select p.supervisor_id from supervision_pairings p where p.supervisee_id = new.peer_id));
  return null;
end $$;

create trigger checkins_dashboard_sharing after update of share_answers on checkins
  for each row when (old.share_answers is distinct from new.share_answers) execute function checkins_dashboard_sharing();

-- Drift-flag notices used to name the flag kinds in their title when the answers were shared at the time,
-- and kept naming them after the peer stopped sharing. Titles now never name kinds (the linked page shows
-- those the peer's sharing allows when it is read); take them out of the titles already written.
update notifications set title = regexp_replace(title, ' raised a role-drift flag \([a-z ,]+\)$', ' raised a role-drift flag')
 where kind = 'drift_flag';
