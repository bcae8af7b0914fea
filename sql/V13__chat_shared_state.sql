-- Chat state every node shares (issue 13): the per-person send limit and who is online where.
-- Both tables are soft state, so unlogged: no WAL on the per-message path, and after a crash or a
-- failover they start empty (every bucket full; each node writes its presence again on its next heartbeat).

-- A token bucket per person, taken by the send statement itself, so the limit holds whichever node
-- takes the send and a resend of a committed message (rolled back) costs nothing.
create unlogged table chat_send_budgets (
  user_id bigint primary key,
  tokens  double precision not null,
  at      timestamptz not null
);

-- Server nodes with open chat sockets; a node not seen for a while is dead and its presence goes with it.
create unlogged table chat_nodes (
  id      uuid primary key,
  seen_at timestamptz not null default now()
);

-- How many sockets a member has open in a circle on each node.
create unlogged table circle_presence (
  circle_id bigint not null,
  user_id   bigint not null,
  node_id   uuid not null references chat_nodes(id) on delete cascade,
  sockets   integer not null,
  primary key (circle_id, user_id, node_id)
);
create index circle_presence_node on circle_presence(node_id);
