package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One member's open chat socket. It first catches up from PostgreSQL (after the seq the client
 * names) while live messages wait in a buffer, then flushes the buffer dropping anything already
 * sent, so the client sees every seq once, in order. A bad frame earns an error frame, nothing more.
 */
final class LiveSocket {
  private static final int CATCH_UP_BATCH = 500;
  private static final long TYPING_EVERY_MS = 2000;
  /** How often an open socket's session is re-read (by the node's {@link SessionSweep}). */
  static volatile long sessionCheckMs = 60_000;
  /**
   * Bytes that may wait unsent for one socket. A member whose device stops reading is closed with
   * {@link #FELL_BEHIND} rather than holding ever more memory; nothing is dropped silently: the
   * client reconnects with ?after=lastSeq and catches up from PostgreSQL. (Counted here rather than
   * by writeQueueFull(), which counts queued messages, 16 by default, when writes come from another
   * thread, as fan-out writes do: a burst to a healthy reader would trip it.)
   */
  static volatile int writeQueueBytes = 256 * 1024;
  /** Live frames held while a socket catches up; beyond this it is behind for good and is closed the same way. */
  static final int MAX_BUFFERED = 2000;
  private static final long NO_SEQ = -1L;
  static final short FELL_BEHIND = 4429;

  private final ServerWebSocket ws;
  private final CurrentUser user;
  private final long circleId;
  private final ChatService chat;
  private final CircleHub hub;
  /** Frames that arrive while catching up; dropped (set to null) once live. */
  private List<String> buffered = new ArrayList<>();
  private List<Long> bufferedSeqs = new ArrayList<>();
  private long lastSent;
  private boolean live;
  private boolean closed;
  private long lastTyping;
  private final java.util.UUID sessionUuid;
  private volatile long sessionCheckedAt = System.currentTimeMillis();
  private volatile boolean fellBehind;
  /** Bytes handed to the socket and not yet written to the kernel. */
  private volatile long pendingBytes;
  private static final AtomicLongFieldUpdater<LiveSocket> PENDING = AtomicLongFieldUpdater.newUpdater(LiveSocket.class, "pendingBytes");

  LiveSocket(ServerWebSocket ws, CurrentUser user, long circleId, ChatService chat, CircleHub hub) {
    this.ws = ws;
    this.user = user;
    this.circleId = circleId;
    this.chat = chat;
    this.hub = hub;
    this.sessionUuid = user.sessionId() == null ? null : java.util.UUID.fromString(user.sessionId());
  }

  long userId() {
    return user.id();
  }

  CurrentUser user() {
    return user;
  }

  long circleId() {
    return circleId;
  }

  void start(Long after) {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> error("invalid_json", "Frames must be JSON text.", null));
    ws.exceptionHandler(e -> { });
    ws.closeHandler(v -> onClose());
    hub.join(circleId, this)
        .compose(current -> {
          synchronized (this) {
            lastSent = after == null || after > current ? current : after;
          }
          return catchUp();
        })
        .onSuccess(v -> goLive())
        .onFailure(e -> close((short) 1011, "Could not load the conversation; reconnect."));
  }

  /** Batch by batch; the next batch is read from PostgreSQL once the client has taken the last one. */
  private Future<Void> catchUp() {
    long from;
    synchronized (this) {
      from = lastSent;
    }
    return MessageRepository.after(chat.pool(), circleId, from, CATCH_UP_BATCH).compose(list -> {
      Future<Void> last = Future.succeededFuture();
      synchronized (this) {
        for (Message m : list) {
          if (m.seq() > lastSent) {
            last = send(m.toJson().put("type", "message").encode());
            lastSent = m.seq();
          }
        }
      }
      return list.size() == CATCH_UP_BATCH ? last.compose(v -> catchUp()) : Future.succeededFuture();
    });
  }

  /**
   * Flushes what arrived during catch-up (skipping seqs already sent) and, once the client has taken
   * it, flushes again; live only when nothing is left, so live writes start from an empty queue.
   */
  private void goLive() {
    Future<Void> last = null;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (buffered.isEmpty()) {
        buffered = null;
        bufferedSeqs = null;
        live = true;
      } else {
        last = Future.succeededFuture();
        for (int i = 0; i < buffered.size(); i++) {
          long seq = bufferedSeqs.get(i);
          if (seq == NO_SEQ || seq > lastSent) {
            last = send(buffered.get(i));
            lastSent = Math.max(lastSent, seq);
          }
        }
        buffered.clear();
        bufferedSeqs.clear();
      }
    }
    if (last != null) {
      last.onComplete(ar -> goLive());
      return;
    }
    Room room = hub.room(circleId);
    write(new JsonObject().put("type", "presence").put("online", room == null ? null : room.onlineNow()).encode());
    chat.announce(circleId + ":p:" + user.id() + ":1");
  }

  /** Called under the room's lock, in seq order. */
  synchronized void deliverMessage(long seq, String frame) {
    deliver(seq, frame);
  }

  /** A frame with no seq (edits, presence, profile cards): never deduplicated by seq. */
  synchronized void deliverEvent(String frame) {
    deliver(NO_SEQ, frame);
  }

  /** While catching up, frames wait in order (bounded); once live, a message is sent only past the last seq sent. */
  private void deliver(long seq, String frame) {
    if (closed) {
      return;
    }
    if (!live) {
      if (buffered.size() >= MAX_BUFFERED) {
        fallBehind();
        return;
      }
      buffered.add(frame);
      bufferedSeqs.add(seq);
    } else if (seq == NO_SEQ) {
      write(frame);
    } else if (seq > lastSent) {
      write(frame);
      lastSent = seq;
    }
  }

  void close(short code, String reason) {
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  java.util.UUID sessionUuid() {
    return sessionUuid;
  }

  /** True (and the clock restarted) when this socket's session is due a re-check; only the sweep calls it. */
  boolean sessionDue(long now, long every) {
    if (sessionUuid == null || now - sessionCheckedAt < every) {
      return false;
    }
    sessionCheckedAt = now;
    return true;
  }

  void sessionRecheckAt(long at) {
    sessionCheckedAt = at - sessionCheckMs;
  }

  private void onClose() {
    hub.leave(circleId, this);
    boolean wasLive;
    synchronized (this) {
      wasLive = live;
      live = false;
      closed = true;
    }
    if (wasLive) {
      chat.announce(circleId + ":p:" + user.id() + ":0");
    }
  }

  private void onText(String text) {
    JsonObject f;
    try {
      f = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      error("invalid_json", "Frames must be JSON objects.", null);
      return;
    }
    Object type = f.getValue("type");
    String t = type instanceof String ? (String) type : "";
    switch (t) {
      case "send" -> send(f);
      case "edit" -> edit(f);
      case "delete" -> delete(f);
      case "typing" -> typing();
      case "read" -> read(f);
      default -> error("unknown_type", "Frame types are send, edit, delete, typing and read.", null);
    }
  }

  private void send(JsonObject f) {
    String clientMsgId = text(f, "clientMsgId", 64);
    String body = text(f, "body", ChatService.MAX_BODY);
    Long replyTo = f.containsKey("replyTo") && f.getValue("replyTo") != null ? positive(f, "replyTo") : null;
    if (f.getValue("body") instanceof String b && b.length() > ChatService.MAX_BODY) {
      error("too_long", "Messages are at most " + ChatService.MAX_BODY + " characters.", clientMsgId);
      return;
    }
    if (clientMsgId == null || body == null || (f.getValue("replyTo") != null && replyTo == null)) {
      error("invalid", "send needs clientMsgId (1-64 characters), body (1-" + ChatService.MAX_BODY + " characters) and an optional replyTo id.",
          f.getValue("clientMsgId") instanceof String ? f.getString("clientMsgId") : null);
      return;
    }
    if (!chat.allowSend(user.id())) {
      error("rate_limited", "You are sending too fast; wait a moment.", clientMsgId);
      return;
    }
    chat.send(user, circleId, clientMsgId, body, replyTo)
        .onSuccess(m -> write(new JsonObject().put("type", "ack").put("clientMsgId", clientMsgId).put("id", m.id()).put("seq", m.seq()).encode()))
        .onFailure(e -> failed(e, clientMsgId));
  }

  private void edit(JsonObject f) {
    Long id = positive(f, "id");
    String body = text(f, "body", ChatService.MAX_BODY);
    if (id == null || body == null) {
      error("invalid", "edit needs id and body (1-" + ChatService.MAX_BODY + " characters).", null);
      return;
    }
    chat.edit(user, circleId, id, body).onFailure(e -> failed(e, String.valueOf(id)));
  }

  private void delete(JsonObject f) {
    Long id = positive(f, "id");
    if (id == null) {
      error("invalid", "delete needs id.", null);
      return;
    }
    chat.delete(user, circleId, id).onFailure(e -> failed(e, String.valueOf(id)));
  }

  private void typing() {
    long now = System.currentTimeMillis();
    if (now - lastTyping >= TYPING_EVERY_MS) {
      lastTyping = now;
      chat.announce(circleId + ":t:" + user.id());
    }
  }

  private void read(JsonObject f) {
    Long seq = f.getValue("seq") instanceof Number n && n.longValue() >= 0 ? n.longValue() : null;
    if (seq == null) {
      error("invalid", "read needs seq.", null);
      return;
    }
    chat.markRead(user, circleId, seq)
        .onSuccess(s -> write(new JsonObject().put("type", "read").put("seq", s).encode()))
        .onFailure(e -> failed(e, null));
  }

  private void failed(Throwable e, String ref) {
    if (e instanceof AppException a) {
      error(a.code().name().toLowerCase(), a.getMessage(), ref);
    } else {
      error("unavailable", "That did not go through; try again.", ref);
    }
  }

  private void error(String code, String message, String ref) {
    write(new JsonObject().put("type", "error").put("code", code).put("message", message).put("ref", ref).encode());
  }

  /** Live frames, acks and errors: a socket with more than writeQueueBytes unsent is closed, not fed. */
  private void write(String frame) {
    if (fellBehind || ws.isClosed()) {
      return;
    }
    if (pendingBytes > writeQueueBytes) {
      fallBehind();
    } else {
      send(frame);
    }
  }

  /** Writes and counts the bytes until Netty has handed them to the kernel. */
  private Future<Void> send(String frame) {
    if (ws.isClosed()) {
      return Future.failedFuture("closed");
    }
    long size = frame.length();
    PENDING.addAndGet(this, size);
    return ws.writeTextMessage(frame).andThen(ar -> PENDING.addAndGet(this, -size));
  }

  private void fallBehind() {
    fellBehind = true;
    close(FELL_BEHIND, "You fell behind: reconnect with after=<last seq> to resume.");
  }

  private static String text(JsonObject f, String field, int max) {
    Object v = f.getValue(field);
    return v instanceof String s && !s.isBlank() && s.length() <= max ? s : null;
  }

  private static Long positive(JsonObject f, String field) {
    Object v = f.getValue(field);
    return v instanceof Number n && n.longValue() > 0 && n.doubleValue() == Math.rint(n.doubleValue()) ? n.longValue() : null;
  }
}
