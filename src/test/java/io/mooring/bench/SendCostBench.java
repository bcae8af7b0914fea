package io.mooring.bench;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL CPU of one chat send (no JUnit): runs the send statement N times on one connection, with
 * the cross-node send limit (token bucket taken in the statement, as shipped) and without it (the
 * statement before issue 13), alternating in rounds, and prints the backend's CPU per send from /proc.
 * Args: dataDir sends rounds
 */
public final class SendCostBench {
  static final String WITHOUT_LIMIT = """
      with s as (update circle_counters set last_seq = last_seq + 1
                  where circle_id = $1 and exists(select 1 from circle_members where circle_id = $1 and user_id = $2 and not muted)
                 returning last_seq),
           i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, reply_to)
                 select $1, s.last_seq, $2, $3, $4, (select id from circle_messages where id = $5 and circle_id = $1) from s
                 returning id, seq, circle_id),
           n as (select pg_notify('circle_events', i.circle_id || ':' || i.seq) from i)
      select i.id, i.seq from i, n""";
  /** The bucket taken by an upsert. */
  static final String UPSERT = """
      with b as (insert into chat_send_budgets as b (user_id, tokens, at) values ($2, $6::float8 - 1, clock_timestamp())
                 on conflict (user_id) do update
                   set tokens = least($6::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $7::float8) - 1,
                       at = clock_timestamp()
                 where least($6::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $7::float8) >= 1
                 returning 1),
           s as (update circle_counters set last_seq = last_seq + 1
                  where circle_id = $1 and exists(select 1 from b)
                    and exists(select 1 from circle_members where circle_id = $1 and user_id = $2 and not muted)
                 returning last_seq),
           i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, reply_to)
                 select $1, s.last_seq, $2, $3, $4, (select id from circle_messages where id = $5 and circle_id = $1) from s
                 returning id, seq, circle_id),
           n as (select pg_notify('circle_events', i.circle_id || ':' || i.seq) from i)
      select exists(select 1 from b) as allowed, sent.id, sent.seq
        from (select 1) one left join (select i.id, i.seq from i, n) sent on true""";
  /** The bucket taken by a plain update, inserted only the first time. */
  static final String UPDATE = """
      with u as (update chat_send_budgets
                    set tokens = least($6::float8, tokens + greatest(0, extract(epoch from clock_timestamp() - at)::float8) * $7::float8) - 1,
                        at = clock_timestamp()
                  where user_id = $2 and least($6::float8, tokens + greatest(0, extract(epoch from clock_timestamp() - at)::float8) * $7::float8) >= 1
                 returning 1),
           f as (insert into chat_send_budgets (user_id, tokens, at)
                 select $2, $6::float8 - 1, clock_timestamp() where not exists(select 1 from chat_send_budgets where user_id = $2)
                 on conflict (user_id) do nothing returning 1),
           b as (select 1 from u union all select 1 from f),
           s as (update circle_counters set last_seq = last_seq + 1
                  where circle_id = $1 and exists(select 1 from b)
                    and exists(select 1 from circle_members where circle_id = $1 and user_id = $2 and not muted)
                 returning last_seq),
           i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, reply_to)
                 select $1, s.last_seq, $2, $3, $4, (select id from circle_messages where id = $5 and circle_id = $1) from s
                 returning id, seq, circle_id),
           n as (select pg_notify('circle_events', i.circle_id || ':' || i.seq) from i)
      select exists(select 1 from b) as allowed, sent.id, sent.seq
        from (select 1) one left join (select i.id, i.seq from i, n) sent on true""";

  public static void main(String[] a) throws Exception {
    Path dataDir = Path.of(a[0]);
    int sends = Integer.parseInt(a[1]);
    int rounds = Integer.parseInt(a[2]);
    List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, new DbUrl("localhost", Integer.parseInt(pidFile.get(3).trim()), Database.NAME, "postgres", ""), 1);
    Tokens tokens = new Tokens(vertx, Keys.load(AppConfig.fromEnv(Map.of("MOORING_DATA_DIR", dataDir.toString()))), java.time.Duration.ofHours(2));
    long circle = ChatBench.setUp(pool, 1, tokens, new ArrayList<>());
    long author = pool.preparedQuery("select user_id from circle_members where circle_id = $1").execute(Tuple.of(circle))
        .await().iterator().next().getLong(0);
    SqlConnection conn = pool.getConnection().await();
    long backend = conn.query("select pg_backend_pid()").execute().await().iterator().next().getInteger(0);
    String[] names = {"without the shared limit", "bucket by upsert", "bucket by update"};
    String[] sql = {WITHOUT_LIMIT, UPSERT, UPDATE};
    double[] us = new double[3];
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < 3; v++) {
        long t0 = ChatBench.cpuTicks(backend);
        for (int i = 0; i < sends; i++) {
          String id = "c-" + r + "-" + v + "-" + i;
          Tuple args = v > 0 ? Tuple.from(new Object[] {circle, author, id, "a chat message of ordinary length", null, 1e9, 1e9})
              : Tuple.from(new Object[] {circle, author, id, "a chat message of ordinary length", null});
          conn.preparedQuery(sql[v]).execute(args).await();
        }
        us[v] += (ChatBench.cpuTicks(backend) - t0) * 10_000.0 / sends / rounds;
      }
    }
    System.out.printf("PostgreSQL backend CPU per send, %d rounds x %d sends each way:%n", rounds, sends);
    for (int v = 0; v < 3; v++) {
      System.out.printf("  %-26s %.1f us%n", names[v], us[v]);
    }
    conn.close().await();
    vertx.close().await();
  }
}
