insert into organizations (name) values ('Bench org');
insert into users (org_id, email, display_name, password_hash, roles)
  select 1, 'u' || g || '@bench.test', 'Bench member ' || g, 'x', '{peer}' from generate_series(1, 800) g;
insert into circles (org_id, name) select 1, 'Circle ' || g from generate_series(1, 100) g;
insert into circle_members (circle_id, user_id) select (g - 1) / 8 + 1, g from generate_series(1, 800) g;
insert into sessions (id, user_id, csrf_token, expires_at) select md5(g::text)::uuid, g, 'x', now() + interval '1 day' from generate_series(1, 800) g;
-- some history: 1,000 messages per circle
insert into circle_messages (circle_id, seq, author_id, client_msg_id, body)
  select c, s, (c - 1) * 8 + 1 + s % 8, 'h-' || s, 'an older message about the week ' || s || ' and how it went'
    from generate_series(1, 100) c, generate_series(1, 1000) s;
update circle_counters set last_seq = 1000;
vacuum analyze;
