package io.mooring.bench;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idle-socket memory (no JUnit): opens S authenticated member sockets on 127.0.0.1 to a running
 * server, every socket its own member and its own session (circles of C members, as a real
 * organization would have), holds them idle, and prints the server's RSS (VmRSS from /proc)
 * before and after and the growth per socket. permessage-deflate is offered like a browser does,
 * unless the last argument is "plain".
 * Args: port dataDir serverPid sockets circleSize holdSeconds [deflate|plain]
 */
public final class IdleSockets {
  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    long serverPid = Long.parseLong(a[2]);
    int sockets = Integer.parseInt(a[3]);
    int circleSize = Integer.parseInt(a[4]);
    int hold = Integer.parseInt(a[5]);
    boolean deflate = a.length < 7 || !"plain".equals(a[6]);
    int pgPort = Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(3).trim());
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, new DbUrl("localhost", pgPort, Database.NAME, "postgres", ""), 4);
    Tokens tokens = new Tokens(vertx, Keys.load(AppConfig.fromEnv(Map.of("MOORING_DATA_DIR", dataDir.toString()))),
        java.time.Duration.ofHours(2));
    List<long[]> members = setUp(pool, sockets, circleSize);
    List<String> bearer = new ArrayList<>();
    for (long[] m : members) {
      bearer.add(tokens.issue(m[1], new UUID(m[2], m[3]).toString()));
    }
    Thread.sleep(2000);
    long before = rssKb(serverPid);
    System.out.printf("server RSS before: %d kB (%.1f MB)%n", before, before / 1024.0);

    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(sockets + 10).setTryUsePerMessageCompression(deflate).setConnectTimeout(60_000));
    List<ClientWebSocket> open = new ArrayList<>();
    AtomicLong frames = new AtomicLong();
    AtomicLong closed = new AtomicLong();
    Map<String, Integer> closeCodes = new java.util.concurrent.ConcurrentHashMap<>();
    Semaphore inFlight = new Semaphore(50);
    long t0 = System.nanoTime();
    for (int i = 0; i < sockets; i++) {
      inFlight.acquire();
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(t -> frames.incrementAndGet());
      ws.closeHandler(v -> {
        closed.incrementAndGet();
        closeCodes.merge(String.valueOf(ws.closeStatusCode()), 1, Integer::sum);
      });
      Future<?> f = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
          .setURI("/api/v1/circles/" + members.get(i)[0] + "/live").addHeader("Authorization", "Bearer " + bearer.get(i)));
      f.onComplete(ar -> inFlight.release());
      open.add(ws);
    }
    inFlight.acquire(50);
    System.out.printf("opened %d sockets in %.1f s (deflate offered: %s)%n", sockets, (System.nanoTime() - t0) / 1e9, deflate);
    for (int s = 0; s < hold; s += 10) {
      Thread.sleep(Math.min(10, hold - s) * 1000L);
      System.out.printf("  t+%ds RSS %d kB, frames received %d, closed %d%n", s + 10, rssKb(serverPid), frames.get(), closed.get());
    }
    long after = rssKb(serverPid);
    System.out.printf("server RSS after: %d kB (%.1f MB); growth %.1f MB; %.1f kB per socket; open %d, closed by server %d %s%n",
        after, after / 1024.0, (after - before) / 1024.0, (after - before) / (double) sockets, sockets - closed.get(), closed.get(), closeCodes);
    open.forEach(ClientWebSocket::close);
    Thread.sleep(1000);
    vertx.close();
  }

  /** One org, circles of {@code circleSize}; every member a peer with a live session. Rows: circle, user, session uuid bits. */
  private static List<long[]> setUp(Pool pool, int n, int circleSize) {
    String hash = Passwords.hashNow(UUID.randomUUID().toString());
    String tag = UUID.randomUUID().toString();
    long org = pool.preparedQuery("insert into organizations (name) values ($1) returning id").execute(Tuple.of("Idle " + tag))
        .await().iterator().next().getLong(0);
    int circles = (n + circleSize - 1) / circleSize;
    List<Long> circleIds = new ArrayList<>();
    pool.preparedQuery("insert into circles (org_id, name, join_policy) select $1, 'Idle circle ' || g, 'invite' from generate_series(1, $2) g returning id")
        .execute(Tuple.of(org, circles)).await().forEach(r -> circleIds.add(r.getLong(0)));
    List<long[]> out = new ArrayList<>();
    for (Row r : pool.preparedQuery("""
        with u as (insert into users (org_id, email, display_name, password_hash, roles)
                   select $1, 'idle-' || g || '-' || $2 || '@bench.test', 'Idle member ' || g, $3, '{peer}'
                     from generate_series(1, $4) g returning id),
             s as (insert into sessions (id, user_id, csrf_token, expires_at)
                   select gen_random_uuid(), id, 'bench', now() + interval '2 hours' from u returning id, user_id)
        select user_id, id from s order by user_id""").execute(Tuple.of(org, tag, hash, n)).await()) {
      UUID sid = r.getUUID(1);
      long circle = circleIds.get(out.size() / circleSize);
      out.add(new long[] {circle, r.getLong(0), sid.getMostSignificantBits(), sid.getLeastSignificantBits()});
    }
    List<Tuple> rows = new ArrayList<>();
    out.forEach(m -> rows.add(Tuple.of(m[0], m[1])));
    pool.preparedQuery("insert into circle_members (circle_id, user_id, role) values ($1, $2, 'member')").executeBatch(rows).await();
    return out;
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
