-- Search is always within the circles a person is a member of (ops/bench/search, RESULTS.md):
-- * the words are stored once per message (a generated column) rather than recomputed by
--   to_tsvector for every row a query looks at: a common word is checked against a few hundred
--   rows per circle, and that check is then a cheap @@ on stored words;
-- * one GIN index on (circle_id, words) — btree_gin lets GIN index the plain circle id — finds a
--   rare word's matches inside one circle without touching other circles' matches.
-- Adding a stored generated column rewrites circle_messages once (a migration-time cost, in one
-- transaction; large installations should apply it in a quiet hour).
create extension if not exists btree_gin;
alter table circle_messages add column search_words tsvector generated always as (to_tsvector('english', body)) stored;
drop index if exists circle_messages_search;
create index circle_messages_search on circle_messages using gin (circle_id, search_words);
