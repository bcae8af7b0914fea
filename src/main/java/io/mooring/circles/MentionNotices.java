package io.mooring.circles;

import io.mooring.platform.notify.DeliveryCheck;
import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.Notice;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.CircleHistory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people they were mentioned (@name) in a circle: in the app ("Ana mentioned you in Tuesday
 * circle") and, if they want e-mail of this kind, by an e-mail that says only that someone mentioned
 * them in a circle, with the link (the kind's fixed text: no name, no circle name, no message text).
 * The mentions themselves are stored with the message (MessageRepository); they are turned into
 * notifications after the message commits, so the send statement stays one cheap round trip: at once
 * by the node that stored it, and by a sweep on every node for what a node that stopped in between left
 * (circle_mentions.notified_at). Whoever is no longer a member entitled to read that message, when the
 * notice is written, when the e-mail goes out or when the list is read, gets nothing.
 */
final class MentionNotices {
  static final Duration SWEEP_EVERY = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(MentionNotices.class);
  /** The message, and whether this member may read it now: a member of a live circle, message not removed, CircleHistory. */
  private static final String READABLE = """
      from circle_messages m
      join users a on a.id = m.author_id
      join circles c on c.id = m.circle_id and c.archived_at is null
      join circle_members cm on cm.circle_id = m.circle_id
      join users u on u.id = cm.user_id and u.org_id = c.org_id and u.active and 'peer' = any(u.roles)
     where m.deleted_at is null and %s""".formatted(CircleHistory.readable("m", "cm", "c"));
  /** Claims a message's untold mentions (once, whichever node gets there first) and answers who may still be told. */
  private static final String CLAIM = """
      with told as (update circle_mentions set notified_at = now() where message_id = $1 and notified_at is null returning user_id)
      select cm.user_id, m.circle_id, m.seq, c.org_id, c.name as circle_name, a.display_name as author_name
      """ + READABLE + """
       and m.id = $1 and cm.user_id in (select user_id from told)""";
  private static final String STILL_READABLE = "select 1 " + READABLE + " and m.circle_id = $1 and m.seq = $2 and cm.user_id = $3";
  /** Mentions not yet told, a little old so a sweep does not race the node telling them right now. */
  private static final String UNTOLD = """
      select distinct mn.message_id from circle_mentions mn join circle_messages m on m.id = mn.message_id
       where mn.notified_at is null and m.created_at < now() - interval '10 seconds'
       limit 200""";

  private final Pool pool;
  private final Notifications notices;

  MentionNotices(Notifications notices, Pool pool) {
    this.pool = pool;
    this.notices = notices;
    notices.checkBeforeSending(NotificationKind.CIRCLE_MENTION, this::stillReadable);
    notices.jobs().every("circle mentions", SWEEP_EVERY, this::sweep);
  }

  /** After a message with an '@' committed; a failure is left to the sweep. */
  void messageStored(long messageId) {
    tell(messageId).onFailure(e -> LOG.info("mentions of message {} left to the sweep: {}", messageId, e.getMessage()));
  }

  /** Every untold mention of messages older than a few seconds; answers how many messages it told. */
  Future<Integer> sweep() {
    return pool.preparedQuery(UNTOLD).execute().compose(rows -> {
      List<Future<Void>> all = new ArrayList<>();
      rows.forEach(r -> all.add(tell(r.getLong(0))));
      return Future.join(all).map(all.size());
    });
  }

  private Future<Void> tell(long messageId) {
    return pool.withTransaction(tx -> tx.preparedQuery(CLAIM).execute(Tuple.of(messageId)).compose(rows -> {
      List<Future<Integer>> sent = new ArrayList<>();
      for (Row r : rows) {
        sent.add(notices.enqueue(tx, notice(messageId, r)));
      }
      return Future.all(sent).mapEmpty();
    }));
  }

  private static Notice notice(long messageId, Row r) {
    String title = r.getString("author_name") + " mentioned you in " + r.getString("circle_name");
    return Notice.to(r.getLong("org_id"), r.getLong("user_id"), NotificationKind.CIRCLE_MENTION, "circle_mention:" + messageId,
        title.length() > 300 ? title.substring(0, 299) + "…" : title, "/circles/" + r.getLong("circle_id") + "#seq-" + r.getLong("seq"));
  }

  /** The link names the circle and the message's seq: may this person read that message now? */
  private Future<Boolean> stillReadable(long recipientId, String link) {
    long circleId = DeliveryCheck.idAfter(link, "/circles/");
    int at = link == null ? -1 : link.indexOf("#seq-");
    long seq = at < 0 ? -1 : DeliveryCheck.idAfter(link.substring(at), "#seq-");
    if (circleId < 0 || seq < 0) {
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(STILL_READABLE).execute(Tuple.of(circleId, seq, recipientId)).map(rows -> rows.size() == 1);
  }
}
