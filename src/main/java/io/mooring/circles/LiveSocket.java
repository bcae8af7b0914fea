package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's open chat socket. It first catches up from PostgreSQL (after the seq the client
 * names) while live messages wait in a buffer, then flushes the buffer dropping anything already
 * sent, so the client sees every seq once, in order. A bad frame earns an error frame, nothing more.
 */
final class LiveSocket {
  private static final int CATCH_UP_BATCH = 500;
  private static final long TYPING_EVERY_MS = 2000;
  /** How often an open socket re-reads its session: sign-out, disabling or losing the peer role closes it. */
  static volatile long sessionCheckMs = 60_000;

  private final ServerWebSocket ws;
  private final CurrentUser user;
  private final long circleId;
  private final ChatService chat;
  private final CircleHub hub;
  private final List<String> buffered = new ArrayList<>();
  private final List<Long> bufferedSeqs = new ArrayList<>();
  private long lastSent;
  private boolean live;
  private long lastTyping;
  private long sessionTimer = -1;

  LiveSocket(ServerWebSocket ws, CurrentUser user, long circleId, ChatService chat, CircleHub hub) {
    this.ws = ws;
    this.user = user;
    this.circleId = circleId;
    this.chat = chat;
    this.hub = hub;
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
    if (user.sessionId() != null) {
      sessionTimer = hub.vertx().setPeriodic(sessionCheckMs, t -> checkSession());
    }
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

  private Future<Void> catchUp() {
    long from;
    synchronized (this) {
      from = lastSent;
    }
    return MessageRepository.after(chat.pool(), circleId, from, CATCH_UP_BATCH).compose(list -> {
      synchronized (this) {
        for (Message m : list) {
          if (m.seq() > lastSent) {
            write(m.toJson().put("type", "message").encode());
            lastSent = m.seq();
          }
        }
      }
      return list.size() == CATCH_UP_BATCH ? catchUp() : Future.succeededFuture();
    });
  }

  private void goLive() {
    synchronized (this) {
      for (int i = 0; i < buffered.size(); i++) {
        long seq = bufferedSeqs.get(i);
        if (seq < 0 || seq > lastSent) {
          write(buffered.get(i));
          lastSent = Math.max(lastSent, seq);
        }
      }
      buffered.clear();
      bufferedSeqs.clear();
      live = true;
    }
    Room room = hub.room(circleId);
    write(new JsonObject().put("type", "presence").put("online", room == null ? null : room.onlineNow()).encode());
    chat.announce(circleId + ":p:" + user.id() + ":1");
  }

  /** Called under the room's lock, in seq order. */
  synchronized void deliverMessage(long seq, String frame) {
    if (!live) {
      buffered.add(frame);
      bufferedSeqs.add(seq);
    } else if (seq > lastSent) {
      write(frame);
      lastSent = seq;
    }
  }

  synchronized void deliverEvent(String frame) {
    if (!live) {
      buffered.add(frame);
      bufferedSeqs.add(-1L);
    } else {
      write(frame);
    }
  }

  void close(short code, String reason) {
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  private void checkSession() {
    io.mooring.platform.auth.SessionRepository.current(hub.pool(), java.util.UUID.fromString(user.sessionId())).onSuccess(now -> {
      if (now == null || !now.isPeer()) {
        close((short) 4401, "Your session ended: sign in again.");
      }
    });
  }

  private void onClose() {
    if (sessionTimer >= 0) {
      hub.vertx().cancelTimer(sessionTimer);
    }
    hub.leave(circleId, this);
    boolean wasLive;
    synchronized (this) {
      wasLive = live;
      live = false;
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

  private void write(String frame) {
    if (!ws.isClosed()) {
      ws.writeTextMessage(frame);
    }
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
