package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One member's open chat socket: who it is, the frames the client sends (send, edit, delete,
 * typing, read) and the session re-checks. What the server sends, catch-up included, goes through
 * its {@link Outbox}, behind a {@link DeliveryGate} that stops it the moment its owner's access ends
 * (see {@link SocketGuard}). A bad frame earns an error frame, nothing more.
 */
final class LiveSocket {
  private static final long TYPING_EVERY_MS = 2000;
  /** How often an open socket's session is re-read (by the node's {@link SessionSweep}). */
  static volatile long sessionCheckMs = 60_000;
  private final ServerWebSocket ws;
  private final CurrentUser user;
  private final long circleId;
  private final ChatService chat;
  private final CircleHub hub;
  private final Outbox out;
  private final DeliveryGate gate = new DeliveryGate();
  private long lastTyping;
  /** The last send, edit or deletion of this socket still running (see {@link #inOrder}). */
  private Future<?> pending = Future.succeededFuture();
  private final java.util.UUID sessionUuid;
  private volatile long sessionCheckedAt = System.currentTimeMillis();
  /**
   * The highest seq its member may not read (relations.CircleHistory), from the latest access check:
   * a node that is behind can still be fanning out messages from before they joined. Nothing until checked.
   */
  private volatile long hiddenThrough = Long.MAX_VALUE;
  /** Whether a seq is after what this member may not see (the circle's history rule), read when the frame leaves the gate. */
  private final java.util.function.LongPredicate visible = seq -> seq > hiddenThrough;

  LiveSocket(ServerWebSocket ws, io.netty.channel.Channel channel, CurrentUser user, long circleId, ChatService chat, CircleHub hub) {
    this.ws = ws;
    this.user = user;
    this.circleId = circleId;
    this.chat = chat;
    this.hub = hub;
    this.out = new Outbox(ws, channel, chat.pool(), circleId, user.id());
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

  /** {@code after}/{@code changes}: the last seq and change number the client has (null: none / no change replay). */
  void start(Long after, Long changes) {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> error("invalid_json", "Frames must be JSON text.", null));
    ws.exceptionHandler(e -> { });
    ws.closeHandler(v -> onClose());
    hub.join(circleId, this).compose(joined -> hub.guard().admit(this).map(joined))
        .compose(joined -> out.start(joined, after, changes)).onSuccess(v -> {
      Room room = hub.room(circleId);
      out.write(new JsonObject().put("type", "presence").put("online", room == null ? null : room.onlineNow()).encode());
      hub.presence().connected(circleId, user.id());
    }).onFailure(e -> close((short) 1011, "Could not load the conversation; reconnect."));
  }

  /** Called under the room's lock, in seq order; judged when the frame leaves the gate, not when it was offered. */
  void deliverMessage(long seq, String frame) {
    short refused = gate.offerMessage(out, seq, frame, visible);
    if (refused != DeliveryGate.PASSED) {
      close(refused, reasonFor(refused));
    }
  }

  /** A frame with no seq (presence, typing, profile cards). */
  void deliverEvent(String frame) {
    offer(() -> out.deliverEvent(frame));
  }

  /** An edit or deletion of message {@code seq}, under the room's lock, in change order. */
  void deliverChange(long seq, long change, String frame) {
    offer(() -> {
      if (visible.test(seq)) {
        out.deliverChange(change, frame);
      }
    });
  }

  /** Called by the node's stall check (see {@link SocketWriter#closeIfStalled}). */
  void closeIfStalled(long now) {
    out.closeIfStalled(now);
  }

  private void offer(Runnable delivery) {
    short refused = gate.offer(delivery);
    if (refused != DeliveryGate.PASSED) {
      close(refused, reasonFor(refused));
    }
  }

  /** Frames wait from now until a check of this socket's access has answered (see {@link SocketGuard}). */
  void hold() {
    gate.hold();
  }

  /** A check's answer: frames flow again (when {@code held}, one hold fewer) or the socket closes. */
  void judge(SocketAccess.Verdict v, boolean held) {
    if (v == null || v.code() != 0) {
      short code = v == null ? SocketAccess.SESSION_ENDED : v.code();
      close(code, reasonFor(code));
    } else {
      hiddenThrough = v.hiddenThrough();
      gate.passed(v.sessionEnds().toInstant().toEpochMilli(), held);
    }
  }

  boolean isRevoked() {
    return gate.isShut();
  }

  /** Past the session's end (checked by the node's sweep every second, and at every delivery). */
  boolean sessionEnded(long now) {
    return gate.sessionEnded(now);
  }

  /** Nothing more reaches the client, not even frames already waiting, before the close frame goes out. */
  void close(short code, String reason) {
    if (!gate.shut()) {
      return;
    }
    out.revoke();
    if (!ws.isClosed()) {
      ws.close(code, reason);
    }
  }

  static String reasonFor(short code) {
    return switch (code) {
      case SocketAccess.SESSION_ENDED -> "Your session ended: sign in again.";
      case SocketAccess.NO_ACCESS -> "You no longer have access to this circle.";
      case Outbox.FELL_BEHIND -> "You fell behind: reconnect with after=<last seq>&changes=<last change> to resume.";
      default -> "Reconnect.";
    };
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
    if (out.closed()) {
      hub.presence().disconnected(circleId, user.id());
    }
  }

  private void onText(String text) {
    if (gate.isShut()) {
      return;
    }
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
      // The client's heartbeat: a dead connection shows as missing pongs within seconds, not minutes.
      case "ping" -> out.write("{\"type\":\"pong\"}");
      default -> error("unknown_type", "Frame types are send, edit, delete, typing, read and ping.", null);
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
    inOrder(() -> chat.send(user, circleId, clientMsgId, body, replyTo))
        .onSuccess(m -> out.write(new JsonObject().put("type", "ack").put("clientMsgId", clientMsgId).put("id", m.id()).put("seq", m.seq()).encode()))
        .onFailure(e -> failed(e, clientMsgId));
  }

  private void edit(JsonObject f) {
    Long id = positive(f, "id");
    String body = text(f, "body", ChatService.MAX_BODY);
    if (id == null || body == null) {
      error("invalid", "edit needs id and body (1-" + ChatService.MAX_BODY + " characters).", null);
      return;
    }
    inOrder(() -> chat.edit(user, circleId, id, body)).onFailure(e -> failed(e, String.valueOf(id)));
  }

  private void delete(JsonObject f) {
    Long id = positive(f, "id");
    if (id == null) {
      error("invalid", "delete needs id.", null);
      return;
    }
    inOrder(() -> chat.delete(user, circleId, id)).onFailure(e -> failed(e, String.valueOf(id)));
  }

  /**
   * A member's sends, edits and deletions take effect in the order they sent them: two quick edits of
   * one message must not commit the other way round. Frames arrive on this socket's event loop, so
   * the chain needs no lock; a failure does not stop the frames behind it.
   */
  private <T> Future<T> inOrder(java.util.function.Supplier<Future<T>> action) {
    Future<T> next = pending.transform(ignored -> action.get());
    pending = next;
    return next;
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
        .onSuccess(s -> out.write(new JsonObject().put("type", "read").put("seq", s).encode()))
        .onFailure(e -> failed(e, null));
  }

  private void failed(Throwable e, String ref) {
    if (e instanceof AppException a) {
      error(a.code() == ErrorCode.TOO_MANY ? "rate_limited" : a.code().name().toLowerCase(), a.getMessage(), ref);
    } else {
      error("unavailable", "That did not go through; try again.", ref);
    }
  }

  private void error(String code, String message, String ref) {
    out.write(new JsonObject().put("type", "error").put("code", code).put("message", message).put("ref", ref).encode());
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
