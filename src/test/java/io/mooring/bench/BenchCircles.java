package io.mooring.bench;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh circles for a chat benchmark, written straight into a running server's embedded PostgreSQL:
 * C circles of M members in one new organization, every member a peer with its own live session and a
 * bearer token signed with the server's key. Set-based inserts, so 500 x 8 members take a second, not a minute.
 * As a program it writes them as JSON for the node load client (ops/bench/ejabberd/loadclient):
 * Args: dataDir circles members outFile   →   {"circles":[{"id":1,"tokens":["..."]}, ...]}
 */
public final class BenchCircles {
  /** One bench member: the circle it posts in and its bearer token. */
  public record Member(long circleId, String token) {}

  private BenchCircles() {}

  public static void main(String[] a) throws Exception {
    Path dataDir = Path.of(a[0]);
    Vertx vertx = Vertx.vertx();
    Pool pool = pool(vertx, dataDir);
    List<Member> members = create(pool, tokens(vertx, dataDir), Integer.parseInt(a[1]), Integer.parseInt(a[2]));
    Map<Long, JsonArray> byCircle = new java.util.LinkedHashMap<>();
    members.forEach(m -> byCircle.computeIfAbsent(m.circleId(), k -> new JsonArray()).add(m.token()));
    JsonArray circles = new JsonArray();
    byCircle.forEach((id, t) -> circles.add(new JsonObject().put("id", id).put("tokens", t)));
    Files.writeString(Path.of(a[3]), new JsonObject().put("circles", circles).encode());
    vertx.close().await();
  }

  /** The server's embedded PostgreSQL, or the external one of MOORING_DB_URL (see {@link BenchPostgres}). */
  static Pool pool(Vertx vertx, Path dataDir) throws java.io.IOException {
    return Database.pool(vertx, BenchPostgres.of(dataDir).url(), 4);
  }

  static Tokens tokens(Vertx vertx, Path dataDir) {
    return new Tokens(vertx, Keys.load(AppConfig.fromEnv(Map.of("MOORING_DATA_DIR", dataDir.toString()))), java.time.Duration.ofHours(2));
  }

  /** Members in circle order: the first {@code members} belong to the first circle, and so on. */
  static List<Member> create(Pool pool, Tokens tokens, int circles, int members) {
    String hash = Passwords.hashNow(UUID.randomUUID().toString());
    String tag = UUID.randomUUID().toString();
    long org = pool.preparedQuery("insert into organizations (name) values ($1) returning id").execute(Tuple.of("Bench " + tag))
        .await().iterator().next().getLong(0);
    List<Long> circleIds = new ArrayList<>();
    pool.preparedQuery("insert into circles (org_id, name, join_policy) select $1, 'Bench circle ' || g, 'invite'"
            + " from generate_series(1, $2) g order by g returning id")
        .execute(Tuple.of(org, circles)).await().forEach(r -> circleIds.add(r.getLong(0)));
    circleIds.sort(null);
    List<Member> out = new ArrayList<>();
    List<Tuple> memberships = new ArrayList<>();
    for (Row r : pool.preparedQuery("""
        with u as (insert into users (org_id, email, display_name, password_hash, roles)
                   select $1, 'bench-' || g || '-' || $2 || '@bench.test', 'Bench member ' || g, $3, '{peer}'
                     from generate_series(1, $4) g returning id),
             s as (insert into sessions (id, user_id, csrf_token, expires_at)
                   select gen_random_uuid(), id, 'bench', now() + interval '2 hours' from u returning id, user_id)
        select user_id, id from s order by user_id""").execute(Tuple.of(org, tag, hash, circles * members)).await()) {
      long circle = circleIds.get(out.size() / members);
      memberships.add(Tuple.of(circle, r.getLong(0)));
      out.add(new Member(circle, tokens.issue(r.getLong(0), r.getUUID(1).toString())));
    }
    pool.preparedQuery("insert into circle_members (circle_id, user_id, role) values ($1, $2, 'member')").executeBatch(memberships).await();
    return out;
  }
}
