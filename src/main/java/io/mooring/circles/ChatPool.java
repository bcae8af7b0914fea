package io.mooring.circles;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Connections for chat's per-message statements (batched sends, fan-out reads, socket checks), which
 * run the same few prepared statements hundreds of times a second. On them PostgreSQL always uses the
 * statement's generic plan: left to choose, it re-planned every execution (issue 17, pg_stat_statements:
 * plans = calls), because a custom plan for "seq > $2 limit $3" or for arrays of sends looks cheaper
 * than the generic one, and planning cost more than running (fan-out read: 207 µs planning, 28 µs
 * running; a batch of sends: 2.2 ms planning). The generic plans use the same indexes (EXPLAIN in
 * ops/bench/RESULTS.md), and the batched send stays prepared (parsed once per connection). Other statements keep the main pool, where per-value plans can matter (search).
 */
final class ChatPool {
  /** Batches in flight (SendQueue) plus the rooms' reads; bounded, requests beyond it wait in the pool's queue. */
  static final int SIZE = 4;

  private ChatPool() {}

  static Pool open(Vertx vertx, PgConnectOptions options) {
    PgConnectOptions generic = new PgConnectOptions(options).addProperty("plan_cache_mode", "force_generic_plan")
        .addProperty("application_name", "mooring chat");
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(SIZE).setShared(false)).connectingTo(generic).using(vertx).build();
  }
}
