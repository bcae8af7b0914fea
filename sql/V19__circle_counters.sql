-- Issue 17: every chat send numbers itself by updating its circle's counter, and every edit or deletion
-- takes the next change number the same way. On the wide circles row (name, purpose, ground rules,
-- meeting) each of those updates wrote a new version of the whole row; on this narrow row it writes a
-- few bytes (measured: about 60 us of PostgreSQL CPU less per send, ops/bench/RESULTS.md). Fill factor
-- 10 leaves room on each page for the new versions, so the updates stay HOT.
-- The lock the row gives is the same as before: sends and edits lock it (FOR NO KEY UPDATE) to number
-- themselves, before any message row; a new membership reads last_seq FOR SHARE (V18's trigger).
create table circle_counters (
  circle_id   bigint primary key references circles(id) on delete cascade,
  -- The last seq handed out (gap-free per circle: only a committed send takes one).
  last_seq    bigint not null default 0,
  -- The last change number handed out to an edit or deletion.
  last_change bigint not null default 0
) with (fillfactor = 10);

insert into circle_counters (circle_id, last_seq, last_change) select id, last_seq, last_change from circles;

alter table circles drop column last_seq, drop column last_change;

-- Every way a circle is made (the API, the demo loader, any other tool) gets its counter.
create function circle_counter_for_new_circle() returns trigger language plpgsql as $$
begin
  insert into circle_counters (circle_id) values (new.id);
  return null;
end $$;

create trigger circles_counter after insert on circles
  for each row execute function circle_counter_for_new_circle();

-- V18's start for a new membership, now read from the counter (same FOR SHARE: it waits for a send in flight).
create or replace function circle_member_joined_after_seq() returns trigger language plpgsql as $$
begin
  new.joined_after_seq := coalesce((select last_seq from circle_counters where circle_id = new.circle_id for share), 0);
  return new;
end $$;
