package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.http.StrictText;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * What a member's client sends on its chat socket: send, edit, delete, typing, read and ping. Each frame is
 * checked here (a bad one earns an error frame naming what was wrong, nothing more) and handed to the
 * {@link ChatService}; acks, errors and pongs go back through the socket's {@link Outbox}. What the server
 * delivers, and whether the socket may still speak at all, is {@link LiveSocket}'s.
 */
final class ClientFrames {
  private static final long TYPING_EVERY_MS = 2000;
  private final CurrentUser user;
  private final long circleId;
  private final ChatService chat;
  private final Outbox out;
  private long lastTyping;
  /** The last send, edit or deletion of this socket still running (see {@link #inOrder}). */
  private Future<?> pending = Future.succeededFuture();

  ClientFrames(CurrentUser user, long circleId, ChatService chat, Outbox out) {
    this.user = user;
    this.circleId = circleId;
    this.chat = chat;
    this.out = out;
  }

  /** One text frame from the client (the socket's owner still has access: the socket checks before calling). */
  void on(String text) {
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
    if (unstorable("clientMsgId", clientMsgId, null) || unstorable("body", body, clientMsgId)) {
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
    if (unstorable("body", body, String.valueOf(id))) {
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
  private <T> Future<T> inOrder(Supplier<Future<T>> action) {
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

  void refuseBinary() {
    error("invalid_json", "Frames must be JSON text.", null);
  }

  private void error(String code, String message, String ref) {
    out.write(new JsonObject().put("type", "error").put("code", code).put("message", message).put("ref", ref).encode());
  }

  /**
   * True, with an "invalid" error frame naming the field, when this text could not be stored as sent:
   * the rule HTTP bodies pass through TextCheck (PostgreSQL refuses NUL, and a lone surrogate has no
   * UTF-8 form, so it would be stored as '?'). {@code ref}: what the error refers to, null when the
   * offending text is the reference itself (it could not be echoed faithfully).
   */
  private boolean unstorable(String field, String value, String ref) {
    String why = StrictText.unstorable(value);
    if (why == null) {
      return false;
    }
    error("invalid", field + " " + why + ".", ref);
    return true;
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
