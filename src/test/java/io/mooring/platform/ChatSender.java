package io.mooring.platform;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A chat client as a real one behaves across a database failover, on its own thread: sends one message
 * at a time with a unique clientMsgId and waits for its ack; on an error, a silent socket or a closed
 * one it reconnects resuming after the last seq it holds ({@code ?after=}) and resends the SAME
 * clientMsgId. Records every ack (with its time) and every message frame's seq, and counts duplicates
 * and gaps among those frames.
 */
final class ChatSender implements Runnable {
  /** {@code firstSent}: when the first attempt went out; {@code nanos}: when the ack came. */
  record Ack(String clientMsgId, long seq, long firstSent, long nanos) {}

  final List<Ack> acks = new CopyOnWriteArrayList<>();
  final List<Long> seen = new CopyOnWriteArrayList<>();
  final List<String> problems = new CopyOnWriteArrayList<>();
  volatile int reconnects;
  volatile boolean sending = true;
  volatile boolean doneSending;
  volatile long target = -1;

  private final Vertx vertx;
  private final int port;
  private final String token;
  private final long circleId;
  private final String prefix;
  private WebSocketClient client;
  private ClientWebSocket ws;
  private BlockingQueue<JsonObject> frames;
  private long lastSeq;

  ChatSender(Vertx vertx, int port, String token, long circleId, String prefix) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.circleId = circleId;
    this.prefix = prefix;
  }

  @Override
  public void run() {
    try {
      for (int n = 1; sending; n++) {
        sendUntilAcked(prefix + "-" + n);
        pause(150);
      }
      doneSending = true;
      // Catch up: every message of the circle, up to the seq the test names, must reach this client.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((target < 0 || lastSeq < target) && System.nanoTime() < deadline) {
        JsonObject f = poll(100);
        if (f == null && (ws == null || ws.isClosed())) {
          connect();
        }
      }
    } catch (Exception e) {
      problems.add(prefix + ": " + e);
    } finally {
      doneSending = true;
      disconnect();
    }
  }

  private void sendUntilAcked(String clientMsgId) {
    long firstSent = System.nanoTime();
    long giveUp = firstSent + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < giveUp) {
      if (ws == null || ws.isClosed()) {
        connect();
        continue;
      }
      try {
        ws.writeTextMessage(new JsonObject().put("type", "send").put("clientMsgId", clientMsgId).put("body", "m " + clientMsgId).encode()).await();
      } catch (Exception e) {
        disconnect();
        continue;
      }
      JsonObject answer = awaitAnswer(clientMsgId, 3000);
      if (answer != null && "ack".equals(answer.getString("type"))) {
        acks.add(new Ack(clientMsgId, answer.getLong("seq"), firstSent, System.nanoTime()));
        return;
      }
      if (answer != null && "rate_limited".equals(answer.getString("code"))) {
        pause(200);
        continue;
      }
      // "unavailable", no answer, or the socket closed: reconnect, resume by seq, resend the same clientMsgId.
      disconnect();
    }
    throw new IllegalStateException("never acknowledged: " + clientMsgId);
  }

  private JsonObject awaitAnswer(String clientMsgId, long ms) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (System.nanoTime() < deadline) {
      JsonObject f = poll(50);
      if (f != null && clientMsgId.equals(f.getString("type").equals("ack") ? f.getString("clientMsgId") : f.getString("ref"))) {
        return f;
      }
      if (f == null && ws.isClosed()) {
        return null;
      }
    }
    return null;
  }

  /** The next frame (message frames are checked and recorded on the way), or null after {@code ms}. */
  private JsonObject poll(long ms) {
    JsonObject f;
    try {
      f = frames == null ? null : frames.poll(ms, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (f != null && "message".equals(f.getString("type"))) {
      long seq = f.getLong("seq");
      if (seq <= lastSeq) {
        problems.add(prefix + ": duplicate seq " + seq + " after " + lastSeq);
      } else {
        if (seq != lastSeq + 1) {
          problems.add(prefix + ": gap, seq " + seq + " after " + lastSeq);
        }
        lastSeq = seq;
        seen.add(seq);
      }
    }
    return f;
  }

  private void connect() {
    disconnect();
    BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
    client = vertx.createWebSocketClient();
    ClientWebSocket socket = client.webSocket();
    socket.textMessageHandler(t -> queue.add(new JsonObject(t)));
    WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("localhost").setPort(port)
        .setURI("/api/v1/circles/" + circleId + "/live" + "?after=" + lastSeq)
        .addHeader("Authorization", "Bearer " + token).setTimeout(3000);
    try {
      socket.connect(o).await();
      ws = socket;
      frames = queue;
      reconnects++;
    } catch (Exception e) {
      // No database behind the node yet: the upgrade is refused; try again shortly.
      pause(250);
    }
  }

  private void disconnect() {
    if (ws != null && !ws.isClosed()) {
      try {
        ws.close().await();
      } catch (Exception ignored) {
        // Already gone with the connection.
      }
    }
    if (client != null) {
      client.close();
    }
    ws = null;
    frames = null;
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
