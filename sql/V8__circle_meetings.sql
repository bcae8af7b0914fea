-- Circles: a real recurring meeting (in members' calendar feeds) and a per-circle change counter so a
-- resuming chat client is sent the edits and deletions it missed.

-- The meeting: an RRULE expanded by ical4j from a first start in the ORGANIZATION's local wall time
-- (so DST never moves it), a duration, and where. The old free-text meeting_time is kept as the
-- "where / note" line (renamed): what facilitators wrote stays visible until they set a schedule;
-- a note alone is allowed (e.g. "announced in the chat"). Schedule columns are all set or all null.
alter table circles rename column meeting_time to meeting_where;
alter table circles
  add column meeting_cadence     text check (meeting_cadence in ('weekly', 'biweekly', 'monthly', 'custom')),
  add column meeting_rrule       text check (length(meeting_rrule) between 5 and 300),
  add column meeting_first_start timestamp,
  add column meeting_minutes     int check (meeting_minutes between 5 and 600),
  add constraint circles_meeting_complete check (
    (meeting_rrule is null) = (meeting_first_start is null) and (meeting_rrule is null) = (meeting_minutes is null)
    and (meeting_rrule is null) = (meeting_cadence is null));

-- Changes to existing messages (edit, delete, facilitator removal) take the next number from
-- last_change in the same transaction (the circle row lock orders them like seq) and stamp it on the
-- message row; a client resuming with ?changes=N is sent the current state of every older message
-- whose change_no > N. A row keeps only its latest number: a superseded change needs no replay.
alter table circles add column last_change bigint not null default 0;
alter table circle_messages add column change_no bigint;
create index circle_messages_changes on circle_messages(circle_id, change_no) where change_no is not null;
