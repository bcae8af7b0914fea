-- Notifications: what happened, for whom (in-app list), and the e-mail outbox that a worker drains.
-- Rows are written in the same transaction as the event they tell of, so they commit (or vanish) together.

-- One row per event per person: (recipient_id, event_key) is unique, which makes every writer and every
-- periodic job idempotent (a second node, a retry or a re-run inserts nothing).
create table notifications (
  id            bigint generated always as identity primary key,
  org_id        bigint not null references organizations(id),
  recipient_id  bigint not null references users(id),
  kind          text not null check (length(kind) between 1 and 40),
  event_key     text not null check (length(event_key) between 1 and 200),
  title         text not null check (length(title) between 1 and 300),
  link          text not null check (link like '/%' and length(link) <= 300),
  created_at    timestamptz not null default now(),
  read_at       timestamptz,
  unique (recipient_id, event_key)
);
create index notifications_recipient on notifications(recipient_id, id desc);
create index notifications_unread on notifications(recipient_id) where read_at is null;

-- A missing row means the kind's default channel. 'email' = in the app and by e-mail.
create table notification_preferences (
  user_id  bigint not null references users(id),
  kind     text not null check (length(kind) between 1 and 40),
  channel  text not null check (channel in ('app', 'email', 'off')),
  primary key (user_id, kind)
);

-- The e-mail outbox. pending -> sending (leased by one node) -> sent | pending again (retry with backoff)
-- | failed (attempts exhausted) | dropped (recipient no longer entitled) | in_doubt (the lease ran out with no
-- outcome: the node died mid-send; never retried, so a mail goes out at most once).
create table notification_mail (
  notification_id  bigint primary key references notifications(id),
  status           text not null default 'pending'
                   check (status in ('pending', 'sending', 'sent', 'failed', 'dropped', 'in_doubt')),
  attempts         int not null default 0,
  next_attempt_at  timestamptz not null default now(),
  lease_until      timestamptz,
  leased_by        text,
  last_error       text,
  sent_at          timestamptz
);
create index notification_mail_due on notification_mail(next_attempt_at) where status = 'pending';
create index notification_mail_leased on notification_mail(lease_until) where status = 'sending';

-- The reminder check asks every few minutes for scheduled sessions starting within a day.
create index supervision_sessions_scheduled_start on supervision_sessions(starts_at) where status = 'scheduled';
