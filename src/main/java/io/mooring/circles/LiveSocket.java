package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One member's open chat socket: who it is, its session re-checks, and what the server sends it. All of
 * that, catch-up included, goes through its {@link Outbox}, behind a {@link DeliveryGate} that stops it
 * the moment its owner's access ends (see {@link SocketGuard}). The frames the client sends are
 * {@link ClientFrames}' to read, and only while that access lasts.
 */
final class LiveSocket {
  /** How often an open socket's session is re-read (by the node's {@link SessionSweep}). */
  static volatile long sessionCheckMs = 60_000;
  static final short MESSAGE_TOO_BIG = 1009;
  private final ServerWebSocket ws;
  /** The TCP connection under the socket, or null when unknown. */
  private final io.netty.channel.Channel channel;
  private final CurrentUser user;
  private final long circleId;
  private final CircleHub hub;
  private final Outbox out;
  private final DeliveryGate gate = new DeliveryGate();
  private final ClientFrames frames;
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
    this.channel = channel;
    this.user = user;
    this.circleId = circleId;
    this.hub = hub;
    this.out = new Outbox(ws, channel, chat.pool(), circleId, user.id());
    this.frames = new ClientFrames(user, circleId, chat, out);
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
    ws.textMessageHandler(text -> {
      if (!gate.isShut()) {
        frames.on(text);
      }
    });
    ws.binaryMessageHandler(b -> frames.refuseBinary());
    ws.exceptionHandler(e -> {
      // A frame over HttpServerOptions' maxWebSocketFrameSize: Netty's decoder refuses it from its header, and
      // Vert.x closes the connection the moment this handler returns (it runs inside that failure, on the event
      // loop). The close frame says why only if it leaves first: written now, and flushed even when frames read
      // in the same batch hold Vert.x's flush until the read completes. A client still sending the rest of the
      // frame may see a reset instead (the kernel resets a connection closed with bytes unread, dropping what
      // it had not sent): avoiding that means keeping the connection open to drain it, which Vert.x does not allow.
      if (e instanceof CorruptedWebSocketFrameException c && c.closeStatus().code() == MESSAGE_TOO_BIG || tooLongMessage(e)) {
        close(MESSAGE_TOO_BIG, reasonFor(MESSAGE_TOO_BIG));
        if (channel != null) {
          channel.flush();
        }
      }
    });
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
      case MESSAGE_TOO_BIG -> "Frames are at most 64 kB.";
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

  /**
   * A message sent in several frames, each within the frame limit, that together pass HttpServerOptions'
   * maxWebSocketMessageSize: Vert.x 5.0.10's frame aggregator reports it only as an IllegalStateException with this
   * wording, drops the message and keeps the socket open, so without this the sender would hear nothing.
   */
  private static boolean tooLongMessage(Throwable e) {
    return e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("Cannot process ")
        && e.getMessage().contains("max message size");
  }
}
