package io.mooring.circles;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A circle as stored; {@code myRole}/{@code unread} describe the viewer (null when not a member). */
public record Circle(long id, long orgId, String name, String purpose, String groundRules, String joinPolicy,
    String meetingTime, Integer retentionDays, long lastSeq, String myRole, Long unread, Long myLastRead, String myRequest) {

  static Circle map(Row r) {
    return new Circle(r.getLong("id"), r.getLong("org_id"), r.getString("name"), r.getString("purpose"),
        r.getString("ground_rules"), r.getString("join_policy"), r.getString("meeting_time"), r.getInteger("retention_days"),
        r.getLong("last_seq"), r.getString("my_role"), r.getLong("unread"), r.getLong("my_last_read"), r.getString("my_request"));
  }

  public boolean isMember() {
    return myRole != null;
  }

  public boolean isFacilitator() {
    return "facilitator".equals(myRole);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("name", name).put("purpose", purpose).put("groundRules", groundRules)
        .put("joinPolicy", joinPolicy).put("meetingTime", meetingTime).put("retentionDays", retentionDays);
    if (isMember()) {
      o.put("myRole", myRole).put("lastSeq", lastSeq).put("unread", unread == null ? 0 : unread).put("lastReadSeq", myLastRead);
    }
    if (myRequest != null) {
      o.put("pending", myRequest);
    }
    return o;
  }

  /** A new or changed circle, validated by the handler. */
  public record Settings(String name, String purpose, String groundRules, String joinPolicy, String meetingTime, Integer retentionDays) {}
}
