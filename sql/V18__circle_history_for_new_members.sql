-- Issue 13: a circle may hide its earlier messages from people who join later.
-- new_members_see_history: true (the default, as before) lets a new member read the whole history;
-- false shows each member only the messages committed after they joined. The rule itself is one
-- SQL expression, io.mooring.relations.CircleHistory, used by every read path.
alter table circles add column new_members_see_history boolean not null default true;

-- The circle's last seq when this membership began: in a circle that hides history, its member reads
-- only later seqs. Leaving deletes the row, so rejoining starts again from the rejoin.
alter table circle_members add column joined_after_seq bigint not null default 0;

-- Existing members: the last message created before they joined (matters only if their circle later
-- turns hiding on).
update circle_members cm
   set joined_after_seq = coalesce((select max(m.seq) from circle_messages m
                                     where m.circle_id = cm.circle_id and m.created_at < cm.joined_at), 0);

-- Every way in (join, approval, invitation, the demo loader, any other tool) gets the same start.
-- FOR SHARE waits for a send in flight to commit and then reads its seq: a message committed before
-- the membership is hidden from it, one sent after it is not (sends lock the circle row to number
-- themselves, so they queue behind the joining transaction's share lock).
create function circle_member_joined_after_seq() returns trigger language plpgsql as $$
begin
  new.joined_after_seq := coalesce((select last_seq from circles where id = new.circle_id for share), 0);
  return new;
end $$;

create trigger circle_members_joined_after_seq before insert on circle_members
  for each row execute function circle_member_joined_after_seq();

-- Mentions notify the person mentioned (NotificationKind.CIRCLE_MENTION). notified_at null: not yet
-- written as a notification; the node that stored the message writes it right after the commit, and a
-- periodic sweep on every node picks up what a node that died in between left. Mentions stored before
-- this migration count as told (no burst of old notifications on upgrade).
alter table circle_mentions add column notified_at timestamptz default now();
alter table circle_mentions alter column notified_at drop default;
create index circle_mentions_untold on circle_mentions(message_id) where notified_at is null;
