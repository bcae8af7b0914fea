package io.mooring.bench;

import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.Database;
import io.mooring.platform.db.DbUrl;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients that stop reading (no JUnit): K raw sockets complete the WebSocket handshake into one circle
 * and then read nothing; M messages of 4,000 characters are committed and announced. Every 250 ms the
 * server side of those connections is read with {@code ss -tnm}: prints the largest kernel send queue
 * (Send-Q) and socket write memory (skmem w) seen per socket, and how long after the feed the server
 * dropped them (or that it had not by the end).
 * Args: port dataDir sockets messages seconds
 */
public final class StalledReaderBench {
  private static final Pattern SKMEM_W = Pattern.compile("skmem:\\(.*?,w(\\d+),");

  public static void main(String[] a) throws Exception {
    int port = Integer.parseInt(a[0]);
    Path dataDir = Path.of(a[1]);
    int k = Integer.parseInt(a[2]);
    int m = Integer.parseInt(a[3]);
    int seconds = Integer.parseInt(a[4]);
    List<String> pidFile = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    Vertx vertx = Vertx.vertx();
    Pool pool = Database.pool(vertx, new DbUrl("localhost", Integer.parseInt(pidFile.get(3).trim()), Database.NAME, "postgres", ""), 2);
    Tokens tokens = new Tokens(vertx, Keys.load(AppConfig.fromEnv(Map.of("MOORING_DATA_DIR", dataDir.toString()))), java.time.Duration.ofHours(2));
    List<String> tokenList = new ArrayList<>();
    long circle = ChatBench.setUp(pool, k + 1, tokens, tokenList);
    long author = pool.preparedQuery("select user_id from circle_members where circle_id = $1 order by user_id desc limit 1")
        .execute(Tuple.of(circle)).await().iterator().next().getLong(0);
    List<Socket> readers = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      readers.add(handshake(port, circle, tokenList.get(i)));
    }
    Thread.sleep(1000);
    long last = pool.preparedQuery("""
        with s as (update circle_counters set last_seq = last_seq + $3 where circle_id = $1 returning last_seq),
             i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body)
                   select $1, s.last_seq - $3 + g, $2, 'stall-' || g, repeat('x', 4000) from s, generate_series(1, $3) g)
        select last_seq from s""").execute(Tuple.of(circle, author, m)).await().iterator().next().getLong(0);
    pool.preparedQuery("select pg_notify('circle_events', $1)").execute(Tuple.of(circle + ":" + last)).await();
    long fedAt = System.currentTimeMillis();
    long maxSendQ = 0;
    long maxW = 0;
    long closedAfter = -1;
    while (System.currentTimeMillis() - fedAt < seconds * 1000L) {
      int open = 0;
      for (String[] conn : serverSide(port)) {
        open++;
        maxSendQ = Math.max(maxSendQ, Long.parseLong(conn[0]));
        maxW = Math.max(maxW, Long.parseLong(conn[1]));
      }
      if (open == 0) {
        closedAfter = System.currentTimeMillis() - fedAt;
        break;
      }
      Thread.sleep(250);
    }
    System.out.printf("stalled readers: %d sockets, %d messages of 4,000 characters (%.1f MB each)%n", k, m, m * 4000 / 1e6);
    System.out.printf("per socket, largest kernel Send-Q %,d bytes, largest skmem w %,d bytes%n", maxSendQ, maxW);
    System.out.println(closedAfter >= 0 ? String.format("all dropped by the server %,d ms after the feed", closedAfter)
        : "still open " + seconds + " s after the feed");
    for (Socket s : readers) {
      s.close();
    }
    vertx.close().await();
  }

  /** Send-Q and skmem w of each established connection whose local port is the server's. */
  private static List<String[]> serverSide(int port) throws Exception {
    Process p = new ProcessBuilder("ss", "-Htnm", "state", "established", "( sport = :" + port + " )").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    List<String[]> conns = new ArrayList<>();
    String[] lines = out.split("\n");
    for (int i = 0; i + 1 < lines.length; i++) {
      String[] cols = lines[i].trim().split("\\s+");
      Matcher w = SKMEM_W.matcher(lines[i + 1]);
      if (cols.length >= 4 && w.find()) {
        conns.add(new String[] {cols[1], w.group(1)});
        i++;
      }
    }
    return conns;
  }

  private static Socket handshake(int port, long circle, String token) throws Exception {
    Socket s = new Socket();
    s.setReceiveBufferSize(4096);
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.getOutputStream().write(("GET /api/v1/circles/" + circle + "/live HTTP/1.1\r\nHost: 127.0.0.1:" + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IllegalStateException("no upgrade: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IllegalStateException(head.toString());
    }
    return s;
  }
}
