package io.mooring.circles;

import io.mooring.platform.calendar.CalendarSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Circle meetings in a member's calendar feed: only circles the person belongs to at the moment the
 * feed is fetched (someone who left, was removed or lost the peer role loses them at the next fetch). Title and time
 * only: "Peer circle: name", never the conversation or the member list.
 */
public final class CircleCalendar implements CalendarSource {
  private static final String MINE = """
      select c.id, c.name, c.meeting_rrule, c.meeting_first_start, c.meeting_minutes, c.meeting_updated_at, o.time_zone
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
      rows.forEach(r -> out.add(entry(r)));
      return out;
    });
  }

  /** One series per circle: its UID names the circle, so it is stable across fetches, DST and changes of time. */
  private static Entry entry(Row r) {
    return new Entry("mooring-circle-" + r.getLong("id") + "@mooring", "Peer circle: " + r.getString("name"),
        r.getLocalDateTime("meeting_first_start"), ZoneId.of(r.getString("time_zone")), r.getInteger("meeting_minutes"),
        r.getString("meeting_rrule"), List.of(), List.of(), r.getOffsetDateTime("meeting_updated_at").toInstant());
  }
}
