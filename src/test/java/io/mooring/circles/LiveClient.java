package io.mooring.circles;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: frames land in a queue the JUnit thread reads with timeouts. */
public final class LiveClient implements AutoCloseable {
  final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final WebSocketClient client;
  final WebSocket ws;
  volatile Short closeCode;
  volatile String closeReason;
  volatile boolean closed;

  /** Handlers are set before connecting: frames the server sends at once (catch-up) must not be dropped. */
  private LiveClient(WebSocketClient client, WebSocketConnectOptions options) {
    this.client = client;
    ClientWebSocket socket = client.webSocket();
    this.ws = socket;
    socket.textMessageHandler(t -> frames.add(new JsonObject(t)));
    socket.closeHandler(v -> {
      closeCode = socket.closeStatusCode();
      closeReason = socket.closeReason();
      closed = true;
    });
    socket.connect(options).await();
  }

  public static LiveClient connect(Vertx vertx, int port, String token, long circleId, Long after) {
    return connect(vertx, port, token, circleId, after, null);
  }

  /** Resuming with {@code changes} too: edits and deletions of older messages made since are replayed. */
  static LiveClient connect(Vertx vertx, int port, String token, long circleId, Long after, Long changes) {
    WebSocketClient client = vertx.createWebSocketClient();
    String query = (after == null ? "" : "&after=" + after) + (changes == null ? "" : "&changes=" + changes);
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port)
        .setURI("/api/v1/circles/" + circleId + "/live" + (query.isEmpty() ? "" : "?" + query.substring(1)));
    if (token != null) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    return new LiveClient(client, o);
  }

  /** The HTTP status the upgrade was refused with, or 101 when it was accepted. */
  static int status(Vertx vertx, int port, String token, long circleId, String origin, String cookie) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/api/v1/circles/" + circleId + "/live");
    if (token != null) {
      o.addHeader("Authorization", "Bearer " + token);
    }
    if (origin != null) {
      o.addHeader("Origin", origin);
    } else {
      o.setAllowOriginHeader(false);
    }
    if (cookie != null) {
      o.addHeader("Cookie", "mooring_session=" + cookie);
    }
    try {
      client.connect(o).await().close().await();
      return 101;
    } catch (UpgradeRejectedException e) {
      return e.getStatus();
    } finally {
      client.close();
    }
  }

  public void send(JsonObject frame) {
    ws.writeTextMessage(frame.encode()).await();
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text).await();
  }

  /**
   * Sends a message and returns its ack; like a real client it waits and resends (same clientMsgId,
   * so never a second message) when a loaded server answers "too fast". Any other error fails.
   */
  JsonObject sendAcked(String clientMsgId, String body) {
    for (int attempt = 0; attempt < 20; attempt++) {
      send(send(clientMsgId, body));
      JsonObject f = next(x -> ("ack".equals(x.getString("type")) && clientMsgId.equals(x.getString("clientMsgId")))
          || ("error".equals(x.getString("type")) && clientMsgId.equals(x.getString("ref"))));
      if ("ack".equals(f.getString("type"))) {
        return f;
      }
      org.junit.jupiter.api.Assertions.assertEquals("rate_limited", f.getString("code"), f.encode());
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    throw new AssertionError("never acknowledged: " + clientMsgId);
  }

  JsonObject next(Predicate<JsonObject> match) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      while (System.nanoTime() < deadline) {
        JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f != null && match.test(f)) {
          return f;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching frame within 10 s");
  }

  public JsonObject next(String type) {
    return next(f -> type.equals(f.getString("type")));
  }

  /** The next {@code n} message frames, in the order they arrived. */
  List<JsonObject> messages(int n) {
    List<JsonObject> out = new ArrayList<>();
    while (out.size() < n) {
      try {
        out.add(next("message"));
      } catch (AssertionError e) {
        throw new AssertionError("only these arrived: " + out.stream().map(m -> m.getLong("seq")).toList(), e);
      }
    }
    return out;
  }

  /** Waits up to {@code ms} and returns every message frame seen (for "nothing more arrives"). */
  List<JsonObject> drainMessages(long ms) {
    List<JsonObject> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + ms;
    try {
      while (System.currentTimeMillis() < deadline) {
        JsonObject f = frames.poll(50, TimeUnit.MILLISECONDS);
        if (f != null && "message".equals(f.getString("type"))) {
          out.add(f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  /** Waits up to {@code ms} and returns every frame of these types seen, in order. */
  List<JsonObject> drain(long ms, String... types) {
    List<String> wanted = List.of(types);
    List<JsonObject> out = new ArrayList<>();
    long deadline = System.currentTimeMillis() + ms;
    try {
      while (System.currentTimeMillis() < deadline) {
        JsonObject f = frames.poll(50, TimeUnit.MILLISECONDS);
        if (f != null && wanted.contains(f.getString("type"))) {
          out.add(f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  boolean waitClosed(long ms) {
    long deadline = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < deadline) {
      if (closed) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return closed;
  }

  public static JsonObject send(String clientMsgId, String body) {
    return new JsonObject().put("type", "send").put("clientMsgId", clientMsgId).put("body", body);
  }

  @Override
  public void close() {
    try {
      if (!ws.isClosed()) {
        ws.close().await();
      }
    } finally {
      client.close();
    }
  }
}
