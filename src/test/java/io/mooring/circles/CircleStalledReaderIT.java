package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stops reading (a raw TCP socket that completes the WebSocket handshake and then reads
 * nothing) is disconnected within a bounded time, whether or not the server keeps feeding it, so its
 * buffers are freed.
 */
@ExtendWith(ServerPerClass.class)
class CircleStalledReaderIT {
  static TestServer server;
  static long org;
  static final long STALL_MS = 1000;
  static final long GRACE_MS = 500;
  /** The bound asserted: stall time, the node's once-a-second check, the close grace, and slack for a loaded machine. */
  static final long BOUND_MS = STALL_MS + 1000 + GRACE_MS + 3000;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  @BeforeEach
  void shorten() {
    SocketWriter.stallMs = STALL_MS;
    SocketWriter.closeGraceMs = GRACE_MS;
  }

  @AfterEach
  void restore() {
    SocketWriter.stallMs = 15_000;
    SocketWriter.closeGraceMs = 5_000;
  }

  @Test
  void aReaderThatStopsWithFramesWaitingIsDisconnectedThoughNothingMoreIsSent() throws Exception {
    // ~250 kB: more than the kernel buffers hold, less than the 256 kB unsent budget, so only the stall clock can act.
    assertClosedWithinBound(60);
  }

  @Test
  void aReaderThatStopsWhileFedTooMuchIsDisconnectedThoughItCannotTakeTheCloseFrame() throws Exception {
    assertClosedWithinBound(1500);
  }

  private void assertClosedWithinBound(int messages) throws Exception {
    Fixtures f = server.fixtures();
    Fixtures.Person reader = f.aPeer(org);
    Fixtures.Person writer = f.aPeer(org);
    long circle = f.aCircle(org, reader, writer);
    try (Socket raw = new Socket()) {
      raw.setReceiveBufferSize(4096);
      raw.connect(new java.net.InetSocketAddress("localhost", server.port()));
      handshake(raw, circle, f.tokenFor(reader));
      // Live first, as a real client is before anything is sent: a socket joins its room before the room has read
      // where it stands, and one that asks for no history starts from there, so messages committed in between
      // reach it neither live nor by catch-up (by design: it loads history over HTTP), and nothing would wait.
      awaitReady(raw);
      awaitSockets(circle, 1);
      long fed = feed(circle, writer, messages);
      long start = System.currentTimeMillis();
      awaitSockets(circle, 0);
      long took = System.currentTimeMillis() - start;
      assertTrue(took <= BOUND_MS, "closed after " + took + " ms; bound " + BOUND_MS + " ms");
      long read = readToEnd(raw);
      assertTrue(read < fed, "the connection ended before everything was sent: read " + read + " of " + fed + " bytes");
    }
  }

  private static void handshake(Socket raw, long circle, String token) throws IOException {
    OutputStream out = raw.getOutputStream();
    out.write(("GET /api/v1/circles/" + circle + "/live HTTP/1.1\r\nHost: localhost:" + server.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = raw.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("no upgrade: " + head);
      }
      head.append((char) b);
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
  }

  /** Reads the socket's first frames up to the end of its {@code ready} frame (small unmasked text frames: the JSON is plain in the bytes). */
  private static void awaitReady(Socket raw) throws IOException {
    raw.setSoTimeout(20_000);
    InputStream in = raw.getInputStream();
    StringBuilder seen = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("closed before ready: " + seen);
      }
      seen.append((char) b);
      if (b == '}' && seen.indexOf("\"type\":\"ready\"") >= 0) {
        return;
      }
    }
  }

  /** Messages of 4,000 characters committed in one statement and announced once, as a busy circle would be. */
  private static long feed(long circle, Fixtures.Person author, int n) {
    long last = server.pool().preparedQuery("""
        with s as (update circle_counters set last_seq = last_seq + $3 where circle_id = $1 returning last_seq),
             i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body)
                   select $1, s.last_seq - $3 + g, $2, 'stall-' || g, repeat('x', 4000) from s, generate_series(1, $3) g)
        select last_seq from s""").execute(Tuple.of(circle, author.id(), n)).await().iterator().next().getLong(0);
    server.pool().preparedQuery("select pg_notify('circle_events', $1)").execute(Tuple.of(circle + ":" + last)).await();
    return n * 4000L;
  }

  /** Waits (up to 20 s) until this node holds {@code n} sockets in the circle. */
  private static void awaitSockets(long circle, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      Room room = server.services().circles().hub().room(circle);
      if ((room == null ? 0 : room.sockets.size()) == n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the circle never had " + n + " sockets on this node");
  }

  /** Everything still readable, until the server's close (end of stream or reset). */
  private static long readToEnd(Socket raw) throws IOException {
    raw.setSoTimeout(5000);
    byte[] buf = new byte[65536];
    long total = 0;
    try {
      for (int r = raw.getInputStream().read(buf); r >= 0; r = raw.getInputStream().read(buf)) {
        total += r;
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server left the connection open after " + total + " bytes", e);
    } catch (IOException reset) {
      return total;
    }
    return total;
  }
}
