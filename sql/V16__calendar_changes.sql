-- Calendar feeds say when each meeting last changed (DTSTAMP / LAST-MODIFIED), so calendar apps see an
-- unchanged feed as unchanged. Kept by triggers, so every writer (API, demo loader, plain SQL) keeps it right.
create function touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

alter table supervision_schedules add column updated_at timestamptz not null default now();
alter table supervision_sessions add column updated_at timestamptz not null default now();
create trigger supervision_schedules_touch before update on supervision_schedules for each row execute function touch_updated_at();
create trigger supervision_sessions_touch before update on supervision_sessions for each row execute function touch_updated_at();

-- A circle's meeting: only what its calendar entry shows (name and meeting) moves the stamp.
alter table circles add column meeting_updated_at timestamptz not null default now();
create function touch_circle_meeting() returns trigger language plpgsql as $$
begin
  new.meeting_updated_at := now();
  return new;
end $$;
create trigger circles_meeting_touch before update of name, meeting_rrule, meeting_first_start, meeting_minutes on circles
  for each row when ((old.name, old.meeting_rrule, old.meeting_first_start, old.meeting_minutes)
                     is distinct from (new.name, new.meeting_rrule, new.meeting_first_start, new.meeting_minutes))
  execute function touch_circle_meeting();
