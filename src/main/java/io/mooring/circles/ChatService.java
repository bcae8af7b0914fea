package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.db.UniqueViolation;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;

/**
 * Messages: send (gap-free seq, idempotent by clientMsgId, notify on commit), edit, delete,
 * history, reports and private read state. Sends, edits, deletions and read markers check the
 * whole entitlement (active account, live session, peer role, membership, not muted for sends and
 * edits) in the statement that does the work, never on the copy of the person taken when a socket
 * opened, so nothing is acknowledged after a revocation committed (see MessageRepository).
 */
public final class ChatService {
  static final int MAX_BODY = 4000;
  /**
   * Each person may send a burst of 10, then 10 a second, across all nodes (counted in PostgreSQL).
   * {@code -Dmooring.sendBurst} and {@code -Dmooring.sendPerSecond} change it; the capacity benchmark
   * raises it, since at more than 10 a second per member it would otherwise measure this limit, not the chat.
   */
  static volatile SendLimit sendLimit = new SendLimit(Double.parseDouble(System.getProperty("mooring.sendBurst", "10")),
      Double.parseDouble(System.getProperty("mooring.sendPerSecond", "10")));

  /** Off (-Dmooring.sendBatch=off): one statement and one commit per send, as before issue 17 (for comparison). */
  private static final boolean BATCHED = !"off".equals(System.getProperty("mooring.sendBatch"));

  private final Pool pool;
  private final CircleService circles;
  private final SendQueue queue;

  /** A token bucket: {@code burst} sends at once, refilled at {@code perSecond}. */
  record SendLimit(double burst, double perSecond) {}

  public ChatService(Vertx vertx, Pool pool, CircleService circles) {
    this.pool = pool;
    this.circles = circles;
    this.queue = new SendQueue(vertx, circles.chatPool(), r -> alone(r.circleId(), r.authorId(), r.session(), r.clientMsgId(), r.body(), r.replyTo()));
  }

  Pool pool() {
    return pool;
  }

  /**
   * Acknowledged only once committed; a resend of the same clientMsgId returns the first message. Sends
   * arriving together share one statement and one commit (SendQueue, issue 17).
   */
  public Future<Message> send(CurrentUser me, long circleId, String clientMsgId, String body, Long replyTo) {
    Future<SendBatch.Outcome> sent = BATCHED ? queue.submit(circleId, me.id(), session(me), clientMsgId, body, replyTo)
        : alone(circleId, me.id(), session(me), clientMsgId, body, replyTo);
    return sent.compose(o -> switch (o.status()) {
      case SENT -> {
        ChatMetrics.committed();
        if (body.indexOf('@') >= 0) {
          circles.mentions().messageStored(o.id());
        }
        yield Future.succeededFuture(new Message(o.id(), circleId, o.seq(), me.id(), me.displayName(), clientMsgId, body, replyTo, null, null, null, 0));
      }
      case RESENT -> MessageRepository.byClientId(pool, circleId, me.id(), clientMsgId).map(m -> m.orElseThrow());
      case REFUSED -> Future.failedFuture(
          new AppException(ErrorCode.FORBIDDEN, "You cannot post here: you are not a member, you are muted or your session ended."));
      case TOO_FAST -> Future.failedFuture(new AppException(ErrorCode.TOO_MANY, "You are sending too fast; wait a moment."));
    });
  }

  /**
   * One send in its own statement (MessageRepository.SEND): for the sends of a batch whose statement
   * failed, and every send with -Dmooring.sendBatch=off. Insert first: a resend hits the unique
   * (circle, author, clientMsgId) key and its transaction (and seq) rolls back.
   */
  private Future<SendBatch.Outcome> alone(long circleId, long authorId, UUID session, String clientMsgId, String body, Long replyTo) {
    return MessageRepository.send(pool, circleId, authorId, session, clientMsgId, body, replyTo, sendLimit)
        .map(r -> r.isEmpty() ? SendBatch.Outcome.REFUSED : new SendBatch.Outcome(SendBatch.Status.SENT, r.get()[0], r.get()[1]))
        .recover(e -> UniqueViolation.of(e) ? Future.succeededFuture(SendBatch.Outcome.RESENT)
            : e instanceof AppException a && a.code() == ErrorCode.TOO_MANY ? Future.succeededFuture(SendBatch.Outcome.TOO_FAST)
            : Future.failedFuture(e));
  }

  public Future<Void> edit(CurrentUser me, long circleId, long messageId, String body) {
    return circles.member(me, circleId).compose(c -> pool.withTransaction(tx -> MessageRepository.nextChange(tx, circleId)
        .compose(change -> MessageRepository.edit(tx, circleId, messageId, me.id(), session(me), body, change)
            .compose(ok -> ok ? MessageRepository.notify(tx, circleId + ":c:" + change)
                : Future.failedFuture(AppException.notFound("That message of yours"))))));
  }

  /** Authors delete their own messages; facilitators remove anyone's. Either way a tombstone stays. */
  public Future<Void> delete(CurrentUser me, long circleId, long messageId) {
    return circles.member(me, circleId).compose(c -> pool.withTransaction(tx -> MessageRepository.nextChange(tx, circleId)
        .compose(change -> MessageRepository.delete(tx, circleId, messageId, me.id(), session(me), change)
            .compose(ok -> ok ? MessageRepository.notify(tx, circleId + ":c:" + change)
                : Future.failedFuture(AppException.notFound("That message"))))));
  }

  /** Oldest first; {@code before} pages backwards from the newest, {@code after} forwards; only what this member may read. */
  public Future<List<Message>> history(CurrentUser me, long circleId, Long after, Long before, int limit) {
    return circles.member(me, circleId).compose(c -> after != null
        ? MessageRepository.readableAfter(pool, circleId, me.id(), after, limit)
        : MessageRepository.readableBefore(pool, circleId, me.id(), before == null ? Long.MAX_VALUE : before, limit));
  }

  public Future<JsonArray> edits(CurrentUser me, long circleId, long messageId) {
    return circles.facilitator(me, circleId).compose(c -> MessageRepository.byId(pool, circleId, messageId)).compose(m -> m.isPresent()
        ? MessageRepository.edits(pool, messageId)
        : Future.failedFuture(AppException.notFound("That message")));
  }

  public Future<Void> report(CurrentUser me, long circleId, long messageId, String reason) {
    return circles.member(me, circleId).compose(c -> pool.withTransaction(tx -> MessageRepository.report(tx, circleId, messageId, me.id(), reason)
        .compose(ok -> ok ? circles.notices().reported(tx, circleId, messageId, me.id())
            : Future.failedFuture(AppException.notFound("That message")))))
        .recover(e -> Future.failedFuture(UniqueViolation.of(e)
            ? new AppException(ErrorCode.CONFLICT, "You have already reported this message; the facilitators have your report.") : e));
  }

  public Future<JsonArray> reports(CurrentUser me, long circleId) {
    return circles.facilitator(me, circleId).compose(c -> ModerationRepository.open(pool, circleId));
  }

  /** Circles this person is a member of only (the query joins their membership); non-peers are in none. */
  public Future<JsonArray> search(CurrentUser me, String query, int limit) {
    return me.isPeer() ? SearchRepository.search(pool, me.id(), me.orgId(), query, limit) : Future.succeededFuture(new JsonArray());
  }

  public Future<Long> markRead(CurrentUser me, long circleId, long seq) {
    return MessageRepository.markRead(pool, circleId, me.id(), session(me), seq)
        .compose(r -> r.isPresent() ? Future.succeededFuture(r.get()) : Future.failedFuture(AppException.notFound("That circle")));
  }

  /** Ephemeral events (typing, presence) ride the same channel; ids only. */
  void announce(String payload) {
    MessageRepository.notify(pool, payload);
  }

  /** Null for a server-side caller with no session (demo data, service tests): the account and membership still count. */
  static UUID session(CurrentUser me) {
    return me.sessionId() == null ? null : UUID.fromString(me.sessionId());
  }
}
