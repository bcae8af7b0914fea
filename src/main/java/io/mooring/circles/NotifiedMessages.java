package io.mooring.circles;

import io.vertx.core.json.JsonArray;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification that carries the new messages themselves (issue 17), so that no node reads them back:
 * {@code circleId:m:maxSeq:[[id,seq,authorId,"author display name","body",replyTo|null,createdAtMicros],...]},
 * one JSON array per message of that circle committed by the statement, in seq order. Built by the
 * sending statement from the rows it inserted (the display name joined as the fan-out read joins it, the
 * time as microseconds since the epoch, PostgreSQL's own precision), so a frame made from it is the one
 * the read would have made. PostgreSQL refuses a payload of 8,000 bytes or more (and with it the whole
 * send), so above {@link #MAX_BYTES} bytes (a 4,000-character body of multi-byte characters is up to
 * 16,000) the statement notifies {@code circleId:maxSeq} instead and every node reads as before.
 */
final class NotifiedMessages {
  /** Bytes, not characters (octet_length): well under PostgreSQL's limit of 7,999. */
  static final int MAX_BYTES = 7800;

  private NotifiedMessages() {}

  /**
   * SQL selecting one pg_notify per circle over the inserted rows of CTE {@code rows} (columns id, seq,
   * circle_id, author_id, body, reply_to, created_at): the message form when it fits, else circle:maxSeq.
   * The name is a subquery per row, not a join: a join's plan can be a scan of every user under the generic
   * plans ChatPool forces (the planner cannot know a batch holds a few rows); the subquery is one key probe.
   */
  static String notifySql(String rows) {
    return """
        select pg_notify('circle_events', case when octet_length(p.payload) <= %d then p.payload else p.circle_id || ':' || p.top end)
          from (select r.circle_id, max(r.seq) as top,
                       r.circle_id || ':m:' || max(r.seq) || ':' || json_agg(json_build_array(r.id, r.seq, r.author_id,
                         (select u.display_name from users u where u.id = r.author_id), r.body, r.reply_to,
                         (extract(epoch from r.created_at) * 1000000)::int8) order by r.seq)::text as payload
                  from %s r group by r.circle_id) p""".formatted(MAX_BYTES, rows);
  }

  /**
   * The messages of a payload's JSON part: in seq order, gap-free, ending at {@code maxSeq}, or a
   * RuntimeException (the caller then reads instead). {@code clientMsgId} is not carried: no frame shows it.
   */
  static List<Message> parse(long circleId, long maxSeq, String json) {
    JsonArray all = new JsonArray(json);
    List<Message> out = new ArrayList<>(all.size());
    for (int k = 0; k < all.size(); k++) {
      JsonArray a = all.getJsonArray(k);
      if (a.size() != 7 || a.getString(3) == null || a.getString(4) == null) {
        throw new IllegalArgumentException("a message of " + a.size() + " fields");
      }
      Message m = new Message(a.getLong(0), circleId, a.getLong(1), a.getLong(2), a.getString(3), null, a.getString(4), a.getLong(5),
          at(a.getLong(6)), null, null, 0);
      if (!out.isEmpty() && m.seq() != out.get(out.size() - 1).seq() + 1) {
        throw new IllegalArgumentException("seq " + m.seq() + " after " + out.get(out.size() - 1).seq());
      }
      out.add(m);
    }
    if (out.isEmpty() || out.get(out.size() - 1).seq() != maxSeq) {
      throw new IllegalArgumentException("the messages do not end at seq " + maxSeq);
    }
    return out;
  }

  /** As the pg client reads a timestamptz: UTC, microseconds. */
  private static OffsetDateTime at(long micros) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L),
        ZoneOffset.UTC);
  }
}
