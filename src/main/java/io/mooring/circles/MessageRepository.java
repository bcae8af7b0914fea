package io.mooring.circles;

import io.mooring.platform.http.AppException;
import io.mooring.relations.CircleHistory;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for chat messages, their edit history, reports and members' private read state. */
final class MessageRepository {
  private static final String COLS = """
      select m.id, m.circle_id, m.seq, m.author_id, u.display_name, m.client_msg_id, m.body, m.reply_to, m.created_at,
             m.edited_at, m.deleted_at, m.change_no
        from circle_messages m join users u on u.id = m.author_id""";
  private static final String BY_CLIENT_ID = COLS + " where m.circle_id = $1 and m.author_id = $2 and m.client_msg_id = $3";
  private static final String BY_ID = COLS + " where m.circle_id = $1 and m.id = $2";
  /** The fan-out's read, for a whole room: each socket drops what its member may not read (LiveSocket). */
  private static final String AFTER = COLS + " where m.circle_id = $1 and m.seq > $2 order by m.seq limit $3";
  /**
   * What member $R may read: their membership row joined (none: no rows at all) and the circle's
   * history rule applied (relations.CircleHistory). Every read for one person starts here.
   */
  private static final String READABLE_BY = COLS + """

        join circle_members cm on cm.circle_id = m.circle_id and cm.user_id = $R
        join circles c on c.id = m.circle_id
       where %s and""".formatted(CircleHistory.readable("m", "cm", "c"));
  private static final String READABLE_AFTER = (READABLE_BY + " m.circle_id = $1 and m.seq > $2 order by m.seq limit $3").replace("$R", "$4");
  private static final String READABLE_BEFORE = (READABLE_BY + " m.circle_id = $1 and m.seq < $2 order by m.seq desc limit $3").replace("$R", "$4");
  private static final String CHANGED_AFTER = COLS + " where m.circle_id = $1 and m.change_no > $2 order by m.change_no limit $3";
  /** What a resuming client missed: older messages (seq <= $4) changed in ($2, $3], in change order, that member $6 may read. */
  private static final String MISSED_CHANGES = (READABLE_BY
      + " m.circle_id = $1 and m.change_no > $2 and m.change_no <= $3 and m.seq <= $4 order by m.change_no limit $5").replace("$R", "$6");
  /**
   * The next change number. Edits and deletions take it first, so like sends they lock the circle's
   * counter row (sql/V19) before any message row (a send replying to a message holds the counter and then key-shares the
   * message: the other order could deadlock). Rolled back with the edit, so numbers stay gap-free.
   */
  private static final String NEXT_CHANGE = "update circle_counters set last_change = last_change + 1 where circle_id = $1 returning last_change";
  /** The account: active, of the circle's organization, holding the peer role. */
  private static final String USER_OK = """
      select 1 from users u where u.id = $U and u.active and 'peer' = any(u.roles)
         and u.org_id = (select c.org_id from circles c where c.id = $C) for share""";
  /**
   * Whether person $U may act in circle $C right now, through session $S (null: a server-side caller
   * with no session): the account (USER_OK) and a session neither revoked nor expired. FOR SHARE makes a
   * revocation (sign-out, deactivation, role change, removal, muting) and a chat write take turns on the
   * rows that grant the right: either the change committed first and the write sees it (PostgreSQL
   * re-reads a locked row that changed under it), or the change waits until the write has committed. So
   * no write commits, and no ack goes out, after a revocation committed. The nesting fixes the lock
   * order (account, session, membership, as an administrator's change takes them), so no deadlock.
   */
  private static final String ACCOUNT_OK = """
      case when $S::uuid is null then exists(%1$s)
           else exists(select 1 from sessions s where s.id = $S and s.user_id = $U and s.revoked_at is null
                          and s.expires_at > now() and exists(%1$s) for share) end""".formatted(USER_OK);
  /** A current member with a good account and session, locked the same way (removal deletes the row; muting and role changes update it). */
  private static final String MEMBER_OK = """
      exists(select 1 from circle_members cm where cm.circle_id = $C and cm.user_id = $U $AND
                and %s for share)""".formatted(ACCOUNT_OK);
  /**
   * One statement, so one round trip and one implicit transaction: the sender's token bucket is taken
   * first (the send limit holds across nodes; the bucket row is locked by sends only, so it adds no lock
   * cycle), entitlement (see ACCOUNT_OK; not muted) is checked by the update that takes the circle's counter row
   * lock and allocates the seq, the row is inserted and the notification queued (carrying the message
   * when it fits, see NotifiedMessages); PostgreSQL delivers it
   * only when the statement commits, and the row lock is held for one statement rather than across
   * several round trips (senders in one circle queue on it). A repeated send rolls back, so it takes no
   * token. Always one row: whether a token was free, then the message if it was sent.
   */
  /** A member may post unless muted, indefinitely or until a time still ahead. */
  static final String NOT_MUTED = "and not cm.muted and (cm.muted_until is null or cm.muted_until <= now())";
  private static final String SEND = """
      with b as (insert into chat_send_budgets as b (user_id, tokens, at) values ($2, $7::float8 - 1, clock_timestamp())
                 on conflict (user_id) do update
                   set tokens = least($7::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $8::float8) - 1,
                       at = clock_timestamp()
                 where least($7::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $8::float8) >= 1
                 returning 1),
           s as (update circle_counters set last_seq = last_seq + 1
                  where circle_id = $1 and exists(select 1 from b) and %s
                 returning last_seq),
           i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, reply_to)
                 select $1, s.last_seq, $2, $3, $4, (select id from circle_messages where id = $5 and circle_id = $1) from s
                 returning id, seq, circle_id, author_id, body, reply_to, created_at),
           n as (%s)
      select exists(select 1 from b) as allowed, sent.id, sent.seq
        from (select 1) one left join (select i.id, i.seq from i, n) sent on true""".formatted(member("$1", "$2", "$6",
          NOT_MUTED), NotifiedMessages.notifySql("i"));
  private static final String POSITION = "select last_seq, last_change from circle_counters where circle_id = $1";
  /**
   * SEND, also storing whom it mentions: members (not the author) whose "@Display Name" appears in the
   * body, case-insensitively. Used only for bodies with an '@', so plain sends keep their one cheap statement.
   */
  private static final String SEND_MENTIONING = SEND.replace("\nselect exists(select 1 from b) as allowed", """
      ,
      mn as (insert into circle_mentions (user_id, circle_id, seq, message_id)
             select cm.user_id, i.circle_id, i.seq, i.id from i join circle_members cm on cm.circle_id = i.circle_id
               join users u on u.id = cm.user_id
              where cm.user_id <> $2 and strpos(lower($4), '@' || lower(u.display_name)) > 0)
      select exists(select 1 from b) as allowed""");

  static {
    if (SEND_MENTIONING.equals(SEND)) {
      throw new IllegalStateException("SEND_MENTIONING must extend SEND");
    }
  }
  private static final String NOTIFY = "select pg_notify('circle_events', $1)";
  private static final String EDIT = """
      with old as (
        select id, body from circle_messages
         where id = $2 and circle_id = $1 and author_id = $3 and deleted_at is null
           and %s
         for update),
      saved as (insert into circle_message_edits (message_id, body) select id, body from old)
      update circle_messages m set body = $4, edited_at = now(), change_no = $5 from old where m.id = old.id returning m.id"""
      .formatted(member("$1", "$3", "$6", "and not cm.muted and (cm.muted_until is null or cm.muted_until <= now())"));
  /** Authors withdraw their own words (muted or not); facilitators remove anyone's. */
  private static final String DELETE = """
      update circle_messages set body = '', deleted_at = now(), removed_by = case when author_id = $3 then null else $3 end,
             change_no = $5
       where id = $2 and circle_id = $1 and deleted_at is null and %s
      returning id""".formatted(member("$1", "$3", "$4", "and (cm.role = 'facilitator' or circle_messages.author_id = $3)"));
  private static final String FORGET_EDITS = "delete from circle_message_edits where message_id = $1";
  private static final String EDITS = "select body, replaced_at from circle_message_edits where message_id = $1 order by id";
  /** Only a message the reporter may read (a hidden one answers as missing). */
  private static final String REPORT = """
      insert into circle_reports (circle_id, message_id, reporter_id, reason)
      select $1, m.id, $3, $4 from circle_messages m
        join circle_members cm on cm.circle_id = m.circle_id and cm.user_id = $3
        join circles c on c.id = m.circle_id
       where m.id = $2 and m.circle_id = $1 and m.deleted_at is null and %s
      returning id""".formatted(CircleHistory.readable("m", "cm", "c"));
  private static final String READ = """
      update circle_members cm set last_read_seq = greatest(cm.last_read_seq, least($3, c.last_seq))
        from circle_counters c where c.circle_id = cm.circle_id and cm.circle_id = $1 and cm.user_id = $2 and %s
      returning cm.last_read_seq""".formatted(account("$1", "$2", "$4"));

  private MessageRepository() {}

  static Future<Optional<Message>> byClientId(SqlClient db, long circleId, long authorId, String clientMsgId) {
    return db.preparedQuery(BY_CLIENT_ID).execute(Tuple.of(circleId, authorId, clientMsgId)).map(MessageRepository::first);
  }

  static Future<Optional<Message>> byId(SqlClient db, long circleId, long id) {
    return db.preparedQuery(BY_ID).execute(Tuple.of(circleId, id)).map(MessageRepository::first);
  }

  /** Every message, for the room's fan-out; a person's own reads use {@link #readableAfter}. */
  static Future<List<Message>> after(SqlClient db, long circleId, long afterSeq, int limit) {
    return db.preparedQuery(AFTER).execute(Tuple.of(circleId, afterSeq, limit)).map(rows -> CircleRepository.all(rows, Message::map));
  }

  /** The messages after {@code afterSeq} that {@code readerId} may read now (none unless a member). */
  static Future<List<Message>> readableAfter(SqlClient db, long circleId, long readerId, long afterSeq, int limit) {
    return db.preparedQuery(READABLE_AFTER).execute(Tuple.of(circleId, afterSeq, limit, readerId))
        .map(rows -> CircleRepository.all(rows, Message::map));
  }

  /** The {@code limit} messages just before {@code beforeSeq} that {@code readerId} may read, oldest first. */
  static Future<List<Message>> readableBefore(SqlClient db, long circleId, long readerId, long beforeSeq, int limit) {
    return db.preparedQuery(READABLE_BEFORE).execute(Tuple.of(circleId, beforeSeq, limit, readerId)).map(rows -> {
      List<Message> out = new ArrayList<>(CircleRepository.all(rows, Message::map));
      Collections.reverse(out);
      return out;
    });
  }

  private static String account(String circle, String user, String session) {
    return ACCOUNT_OK.replace("$C", circle).replace("$U", user).replace("$S", session);
  }

  /** Whether {@code user} may act in {@code circle} (see MEMBER_OK), as SQL over the given expressions; SendBatch shares it. */
  static String member(String circle, String user, String session, String condition) {
    return MEMBER_OK.replace("$AND", condition).replace("$C", circle).replace("$U", user).replace("$S", session);
  }

  /** The new message's {id, seq}; empty when the author may not post here (see ACCOUNT_OK; muted); TOO_MANY when they send too fast. */
  static Future<Optional<long[]>> send(SqlClient db, long circleId, long authorId, UUID session, String clientMsgId, String body, Long replyTo,
      ChatService.SendLimit limit) {
    return db.preparedQuery(body.indexOf('@') >= 0 ? SEND_MENTIONING : SEND)
        .execute(Tuple.from(new Object[] {circleId, authorId, clientMsgId, body, replyTo, session, limit.burst(), limit.perSecond()}))
        .map(rows -> {
          Row r = rows.iterator().next();
          if (!r.getBoolean("allowed")) {
            throw new AppException(ErrorCode.TOO_MANY, "You are sending too fast; wait a moment.");
          }
          return r.getLong("id") == null ? Optional.empty() : Optional.of(new long[] {r.getLong("id"), r.getLong("seq")});
        });
  }

  /** Inside a transaction PostgreSQL delivers the notification only if and when it commits. */
  static Future<Void> notify(SqlClient db, String payload) {
    return db.preparedQuery(NOTIFY).execute(Tuple.of(payload)).mapEmpty();
  }

  static Future<List<Message>> changedAfter(SqlClient db, long circleId, long afterChange, int limit) {
    return db.preparedQuery(CHANGED_AFTER).execute(Tuple.of(circleId, afterChange, limit)).map(rows -> CircleRepository.all(rows, Message::map));
  }

  static Future<List<Message>> missedChanges(SqlClient db, long circleId, long readerId, long afterChange, long upToChange, long maxSeq,
      int limit) {
    return db.preparedQuery(MISSED_CHANGES).execute(Tuple.of(circleId, afterChange, upToChange, maxSeq, limit, readerId))
        .map(rows -> CircleRepository.all(rows, Message::map));
  }

  /** Where the circle stands: its last seq and last change number. */
  static Future<CircleHub.Position> position(SqlClient db, long circleId) {
    return db.preparedQuery(POSITION).execute(Tuple.of(circleId)).map(rows -> rows.size() == 0 ? new CircleHub.Position(0, 0)
        : new CircleHub.Position(rows.iterator().next().getLong(0), rows.iterator().next().getLong(1)));
  }

  static Future<Long> nextChange(SqlClient db, long circleId) {
    return db.preparedQuery(NEXT_CHANGE).execute(Tuple.of(circleId)).compose(rows -> rows.size() == 1
        ? Future.succeededFuture(rows.iterator().next().getLong(0)) : Future.failedFuture(AppException.notFound("That circle")));
  }

  static Future<Boolean> edit(SqlClient db, long circleId, long id, long authorId, UUID session, String body, long change) {
    return db.preparedQuery(EDIT).execute(Tuple.from(new Object[] {circleId, id, authorId, body, change, session})).map(rows -> rows.rowCount() == 1);
  }

  static Future<Boolean> delete(SqlClient db, long circleId, long id, long actorId, UUID session, long change) {
    return db.preparedQuery(DELETE).execute(Tuple.from(new Object[] {circleId, id, actorId, session, change})).compose(rows -> rows.rowCount() == 1
        ? db.preparedQuery(FORGET_EDITS).execute(Tuple.of(id)).map(true)
        : Future.succeededFuture(false));
  }

  static Future<JsonArray> edits(SqlClient db, long id) {
    return db.preparedQuery(EDITS).execute(Tuple.of(id)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("body", r.getString(0)).put("replacedAt", DateTimes.text(r.getOffsetDateTime(1)))));
      return out;
    });
  }

  static Future<Boolean> report(SqlClient db, long circleId, long messageId, long reporterId, String reason) {
    return db.preparedQuery(REPORT).execute(Tuple.of(circleId, messageId, reporterId, reason)).map(rows -> rows.rowCount() == 1);
  }

  static Future<Optional<Long>> markRead(SqlClient db, long circleId, long userId, UUID session, long seq) {
    return db.preparedQuery(READ).execute(Tuple.from(new Object[] {circleId, userId, seq, session}))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0)));
  }

  private static Optional<Message> first(io.vertx.sqlclient.RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Message.map(rows.iterator().next()));
  }
}
