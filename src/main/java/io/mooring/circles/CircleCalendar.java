package io.mooring.circles;

import io.mooring.platform.calendar.CalendarSource;
import io.mooring.platform.calendar.Recurrence;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Circle meetings in a member's calendar feed: only circles the person belongs to at the moment the
 * feed is fetched (someone who left, was removed or lost the peer role loses them at the next fetch). Title and time
 * only: "Peer circle: name", never the conversation or the member list.
 */
public final class CircleCalendar implements CalendarSource {
  static final int MAX_PER_CIRCLE = 200;
  private static final String MINE = """
      select c.id, c.name, c.meeting_rrule, c.meeting_first_start, c.meeting_minutes, o.time_zone
        from circles c join circle_members m on m.circle_id = c.id and m.user_id = $2
        join users u on u.id = m.user_id and 'peer' = any(u.roles)
        join organizations o on o.id = c.org_id
       where c.org_id = $1 and c.archived_at is null and c.meeting_rrule is not null""";

  private final Pool pool;

  public CircleCalendar(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<Entry>> upcoming(long orgId, long userId, Instant from, Instant to) {
    return pool.preparedQuery(MINE).execute(Tuple.of(orgId, userId)).map(rows -> {
      List<Entry> out = new ArrayList<>();
      for (Row r : rows) {
        out.addAll(entries(r, from, to));
      }
      return out;
    });
  }

  /** The UID names the circle and the occurrence's local start, so it is stable across fetches and DST. */
  private static List<Entry> entries(Row r, Instant from, Instant to) {
    long id = r.getLong("id");
    String title = "Peer circle: " + r.getString("name");
    int minutes = r.getInteger("meeting_minutes");
    List<Entry> out = new ArrayList<>();
    for (ZonedDateTime z : Recurrence.between(r.getString("meeting_rrule"), r.getLocalDateTime("meeting_first_start"),
        ZoneId.of(r.getString("time_zone")), from, to, MAX_PER_CIRCLE)) {
      out.add(new Entry("mooring-circle-" + id + "-" + z.toLocalDateTime() + "@mooring", z.toInstant(), minutes, title));
    }
    return out;
  }
}
