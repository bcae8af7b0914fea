package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge, on a real server with short limits (head 1 s, body idle 1 s, 6 connections per
 * address): smuggling shapes are refused and the connection closed, slow clients are cut off, chat
 * sockets are not, one address cannot hold everything, and clients that leave are not errors.
 */
class EdgeIT {
  static final int CAP = 6;
  static Vertx vertx;
  static TestServer server;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, TestDb.freshDatabase(), Map.of("MOORING_HEADER_TIMEOUT_SECONDS", "1",
        "MOORING_IDLE_TIMEOUT_SECONDS", "1", "MOORING_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(CAP)));
  }

  @AfterAll
  static void stop() {
    server.close();
    vertx.close().await();
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndTheHiddenRequestNeverAnswered() {
    String hidden = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";
    var res = RawHttp.send(server.port(), "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
        + "Content-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + hidden, 3000);
    assertRefused(res);
  }

  @Test
  void aTransferEncodingOtherThanChunkedIsRefused() {
    String hidden = "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n";
    for (String te : new String[] {"xchunked", "chunked, identity", "gzip", "chunked\r\nTransfer-Encoding: chunked"}) {
      var res = RawHttp.send(server.port(), "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
          + "Transfer-Encoding: " + te + "\r\n\r\n" + hidden, 3000);
      assertRefused(res);
    }
  }

  @Test
  void aSlowRequestHeadIsCutOffEvenWhenItTrickles() throws Exception {
    try (Socket s = new Socket("localhost", server.port())) {
      long t0 = System.nanoTime();
      s.getOutputStream().write("GET /health/live HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
      boolean closed = false;
      for (int i = 0; i < 20 && !closed; i++) {
        Thread.sleep(250);
        try {
          s.getOutputStream().write(("X-Slow-" + i + ": y\r\n").getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
          s.setSoTimeout(1);
          closed = s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
          // nothing yet
        } catch (IOException reset) {
          closed = true;
        }
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertTrue(closed, "the server should close a head that never completes");
      assertTrue(seconds < 3.5, "closed after " + seconds + " s");
    }
  }

  @Test
  void manyHalfSentRequestsAreAllClosedAndNoneLoggedAsAnError() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    for (int i = 0; i < CAP - 2; i++) {
      Socket s = new Socket("localhost", server.port());
      String head = i % 2 == 0 ? "GET /health/live HTTP/1.1\r\nHo"
          : "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"em";
      s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      sockets.add(s);
    }
    for (Socket s : sockets) {
      s.setSoTimeout(4000);
      assertEquals(-1, readToEnd(s.getInputStream()), "closed by the server");
      s.close();
    }
  }

  @Test
  void clientsThatLeaveMidRequestAreNotErrors() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(new TeeStream(original, captured), true));
    try {
      for (int i = 0; i < CAP - 2; i++) {
        try (Socket s = new Socket("localhost", server.port())) {
          s.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100\r\n\r\n{\"em").getBytes(StandardCharsets.ISO_8859_1));
          s.getOutputStream().flush();
          Thread.sleep(100);
          s.setSoLinger(true, 0);
        }
      }
      Thread.sleep(1500);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertFalse(log.contains(" ERROR ") || log.contains("Exception"), log);
  }

  @Test
  void anIdleChatSocketOutlivesTheHttpTimeouts() throws Exception {
    Fixtures f = server.fixtures();
    long org = f.anOrganization();
    Fixtures.Person peer = f.aPeer(org);
    long circle = f.aCircle(org, peer);
    WebSocket ws = vertx.createWebSocketClient().connect(new WebSocketConnectOptions().setHost("localhost").setPort(server.port())
        .setURI("/api/v1/circles/" + circle + "/live").addHeader("Authorization", "Bearer " + f.tokenFor(peer))).await();
    try {
      Thread.sleep(3500);
      assertFalse(ws.isClosed(), "the chat socket was closed by an HTTP timeout");
    } finally {
      ws.close().await();
    }
  }

  @Test
  void oneAddressCannotHoldMoreThanTheCap() throws Exception {
    List<Socket> held = new ArrayList<>();
    RawHttp.Exchange refused = null;
    try {
      for (int i = 0; i < CAP + 2 && refused == null; i++) {
        Socket s = new Socket("localhost", server.port());
        held.add(s);
        s.setSoTimeout(150);
        String got = readAvailable(s.getInputStream());
        if (!got.isEmpty()) {
          refused = new RawHttp.Exchange(got, true);
        }
      }
      assertNotNull(refused, "no connection was refused after " + held.size());
      assertEquals(429, refused.status(), refused.text());
      assertEquals("application/problem+json", refused.header("Content-Type"));
      assertNotNull(refused.header("Retry-After"), refused.text());
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    Thread.sleep(300);
    var ok = RawHttp.send(server.port(), "GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", 3000);
    assertEquals(200, ok.status(), "a slot is free again once connections close: " + ok.text());
  }

  private static void assertRefused(RawHttp.Exchange res) {
    assertEquals(400, res.status(), res.text());
    assertEquals(1, res.responses(), "only the refusal is answered: " + res.text());
    assertEquals("application/problem+json", res.header("Content-Type"), res.text());
    assertTrue(res.closedByServer(), "the connection is closed: " + res.text());
  }

  private static int readToEnd(InputStream in) throws IOException {
    try {
      while (in.read() >= 0) {
        // drain
      }
      return -1;
    } catch (java.net.SocketException reset) {
      return -1;
    }
  }

  private static String readAvailable(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException quiet) {
      // nothing more for now
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream first;
    private final ByteArrayOutputStream second;

    TeeStream(PrintStream first, ByteArrayOutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(int b) {
      first.write(b);
      synchronized (second) {
        second.write(b);
      }
    }
  }
}
