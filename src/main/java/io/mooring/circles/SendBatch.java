package io.mooring.circles;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Sends that arrived together, written by ONE statement and so ONE commit (group commit, issue 17):
 * the per-transaction work (round trip, executor start-up of the statement, the commit record and its
 * WAL flush, the NOTIFY queue lock that PostgreSQL holds until the commit is flushed, which serialises
 * every notifying commit in the database) is paid once per batch instead of once per message.
 * <p>
 * Every promise of the one-send statement (MessageRepository.SEND) holds per send: the sender's token
 * bucket is taken only for a send that is not a resend (so a resend costs no token), entitlement is
 * checked by the same SQL (MessageRepository.member, rows locked FOR SHARE in the administrator's
 * order) before the circle's counter row (sql/V19) is locked, seqs are handed out per circle with that row locked
 * (counters locked in circle id order, so two batches never deadlock on them), gap-free because only sends that
 * pass get one, and the notification (one per circle, carrying that circle's new messages when they fit,
 * else its highest seq: see {@link NotifiedMessages}) is delivered only when the statement commits.
 * Each send is acknowledged only after that commit. A batch holds at most one send per author (the budget upsert may touch a row once).
 * If the statement fails as a whole (a resend racing its first copy, a deadlock with an administrator's
 * change, a lost connection), nothing of it committed and each send is retried alone (SendQueue).
 */
final class SendBatch {
  static final String SQL = """
      with q as (select * from unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::bigint[])
                   with ordinality as q(circle_id, author_id, session_id, client_msg_id, body, reply_to, ord)),
           fresh as (select q.* from q where not exists(select 1 from circle_messages m
                       where m.circle_id = q.circle_id and m.author_id = q.author_id and m.client_msg_id = q.client_msg_id)),
           b as (insert into chat_send_budgets as b (user_id, tokens, at)
                 select author_id, $7::float8 - 1, clock_timestamp() from fresh order by author_id
                 on conflict (user_id) do update
                   set tokens = least($7::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $8::float8) - 1,
                       at = clock_timestamp()
                 where least($7::float8, b.tokens + greatest(0, extract(epoch from clock_timestamp() - b.at)::float8) * $8::float8) >= 1
                 returning user_id),
           ok as (select q.* from fresh q where q.author_id in (select user_id from b) and %s),
           per as (select circle_id, count(*) as k from ok group by circle_id),
           lk as (select c.circle_id from circle_counters c where c.circle_id in (select circle_id from per)
                   order by c.circle_id for no key update),
           s as (update circle_counters c set last_seq = c.last_seq + per.k from per, lk
                  where c.circle_id = per.circle_id and lk.circle_id = c.circle_id
                 returning c.circle_id as id, c.last_seq - per.k as base),
           i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, reply_to)
                 select ok.circle_id, s.base + row_number() over (partition by ok.circle_id order by ok.ord), ok.author_id, ok.client_msg_id,
                        ok.body, (select x.id from circle_messages x where x.id = ok.reply_to and x.circle_id = ok.circle_id)
                   from ok join s on s.id = ok.circle_id
                 returning id, seq, circle_id, author_id, body, reply_to, created_at),
           mn as (insert into circle_mentions (user_id, circle_id, seq, message_id)
                  select cm.user_id, i.circle_id, i.seq, i.id from i join circle_members cm on cm.circle_id = i.circle_id
                    join users u on u.id = cm.user_id
                   where strpos(i.body, '@') > 0 and cm.user_id <> i.author_id and strpos(lower(i.body), '@' || lower(u.display_name)) > 0),
           nt as (%s)
      select q.ord, q.ord in (select ord from fresh) as fresh, q.author_id in (select user_id from b) as allowed, i.id, i.seq
        from q left join i on i.circle_id = q.circle_id and i.author_id = q.author_id
       where (select count(*) from nt) >= 0""".formatted(MessageRepository.member("q.circle_id", "q.author_id", "q.session_id",
          MessageRepository.NOT_MUTED), NotifiedMessages.notifySql("i"));

  /** One send waiting for its batch; {@code context}: where its caller runs (null: none), to answer there. */
  record Request(long circleId, long authorId, UUID session, String clientMsgId, String body, Long replyTo, Promise<Outcome> result,
                 Context context) {
    void answer(Outcome o) {
      if (context == null) {
        result.tryComplete(o);
      } else {
        context.runOnContext(v -> result.tryComplete(o));
      }
    }

    void fail(Throwable e) {
      if (context == null) {
        result.tryFail(e);
      } else {
        context.runOnContext(v -> result.tryFail(e));
      }
    }
  }

  enum Status { SENT, RESENT, REFUSED, TOO_FAST }

  /** {@code id} and {@code seq}: the new message's when SENT. */
  record Outcome(Status status, long id, long seq) {
    static final Outcome RESENT = new Outcome(Status.RESENT, 0, 0);
    static final Outcome REFUSED = new Outcome(Status.REFUSED, 0, 0);
    static final Outcome TOO_FAST = new Outcome(Status.TOO_FAST, 0, 0);
  }

  private SendBatch() {}

  /** Runs the batch and answers each request once it committed; a failed future (nothing answered) when the statement failed. */
  static Future<Void> run(SqlClient db, List<Request> batch, ChatService.SendLimit limit) {
    int n = batch.size();
    Long[] circles = new Long[n];
    Long[] authors = new Long[n];
    UUID[] sessions = new UUID[n];
    String[] ids = new String[n];
    String[] bodies = new String[n];
    Long[] replies = new Long[n];
    for (int k = 0; k < n; k++) {
      Request r = batch.get(k);
      circles[k] = r.circleId();
      authors[k] = r.authorId();
      sessions[k] = r.session();
      ids[k] = r.clientMsgId();
      bodies[k] = r.body();
      replies[k] = r.replyTo();
    }
    return db.preparedQuery(SQL).execute(Tuple.from(new Object[] {circles, authors, sessions, ids, bodies, replies, limit.burst(), limit.perSecond()}))
        .map(rows -> {
          Outcome[] outcomes = new Outcome[n];
          for (Row row : rows) {
            outcomes[row.getLong("ord").intValue() - 1] = outcome(row);
          }
          for (int k = 0; k < n; k++) {
            if (outcomes[k] == null) {
              batch.get(k).fail(new IllegalStateException("the batched send returned no row for send " + (k + 1)));
            } else {
              batch.get(k).answer(outcomes[k]);
            }
          }
          return null;
        });
  }

  private static Outcome outcome(Row row) {
    if (!row.getBoolean("fresh")) {
      return Outcome.RESENT;
    }
    if (!row.getBoolean("allowed")) {
      return Outcome.TOO_FAST;
    }
    Long id = row.getLong("id");
    return id == null ? Outcome.REFUSED : new Outcome(Status.SENT, id, row.getLong("seq"));
  }
}
