-- Search is always within the circles a person is a member of. A GIN index on (circle_id, words) —
-- btree_gin lets GIN index the plain circle id — finds a word's matches inside those circles only,
-- instead of every match in every circle (a common word is in tens of thousands of messages; the
-- searching member sees a few hundred of them). ops/bench/search measured both (RESULTS.md).
create extension if not exists btree_gin;
drop index if exists circle_messages_search;
create index circle_messages_search on circle_messages using gin (circle_id, to_tsvector('english', body));
