package io.mooring.circles;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A circle as stored; {@code myRole}/{@code unread} describe the viewer (null when not a member);
 * {@code unreadMore}: at least {@value #UNREAD_WINDOW} messages lie past the viewer's read marker, so
 * {@code unread} counts only those (shown as "N+").
 * {@code zone} is the organization's time zone, in which the meeting's local times are meant.
 * {@code lastChange}: the circle's latest edit/delete number, a chat client's starting point for {@code changes}.
 * {@code mentions}: messages past the viewer's read marker that mention them (the per-circle badge).
 * {@code newMembersSeeHistory}: false when members read only what was sent after they joined (relations.CircleHistory).
 */
public record Circle(long id, long orgId, String name, String purpose, String groundRules, String joinPolicy,
    Meeting meeting, ZoneId zone, Integer retentionDays, long lastSeq, long lastChange, String myRole, Long unread, boolean unreadMore, Long myLastRead, String myRequest, long mentions,
    boolean newMembersSeeHistory) {
  /** How many messages past the read marker are looked at for the unread count (see CircleRepository). */
  static final int UNREAD_WINDOW = 100;

  static Circle map(Row r) {
    return new Circle(r.getLong("id"), r.getLong("org_id"), r.getString("name"), r.getString("purpose"),
        r.getString("ground_rules"), r.getString("join_policy"), Meeting.map(r), ZoneId.of(r.getString("time_zone")),
        r.getInteger("retention_days"), r.getLong("last_seq"), r.getLong("last_change"), r.getString("my_role"), r.getLong("unread"), Boolean.TRUE.equals(r.getBoolean("unread_more")), r.getLong("my_last_read"),
        r.getString("my_request"), r.getLong("mentions") == null ? 0 : r.getLong("mentions"), r.getBoolean("new_members_see_history"));
  }

  public boolean isMember() {
    return myRole != null;
  }

  public boolean isFacilitator() {
    return "facilitator".equals(myRole);
  }

  /** The next meeting in words, in the organization's zone; null when there is none. */
  public String nextMeeting() {
    return meeting == null ? null : Meeting.when(meeting.next(zone, Instant.now()));
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("name", name).put("purpose", purpose).put("groundRules", groundRules)
        .put("joinPolicy", joinPolicy).put("meeting", meeting == null ? null : meeting.toJson(zone, Instant.now()))
        .put("retentionDays", retentionDays).put("newMembersSeeHistory", newMembersSeeHistory);
    if (isMember()) {
      o.put("myRole", myRole).put("lastSeq", lastSeq).put("lastChange", lastChange).put("unread", unread == null ? 0 : unread).put("unreadMore", unreadMore)
          .put("lastReadSeq", myLastRead).put("mentions", mentions);
    }
    if (myRequest != null) {
      o.put("pending", myRequest);
    }
    return o;
  }

  /**
   * A new or changed circle, validated by the handler; {@code meeting} null for none. {@code newMembersSeeHistory}
   * null: as it was (a new circle: true, members read messages from before they joined).
   */
  public record Settings(String name, String purpose, String groundRules, String joinPolicy, Meeting meeting, Integer retentionDays,
                         Boolean newMembersSeeHistory) {}
}
