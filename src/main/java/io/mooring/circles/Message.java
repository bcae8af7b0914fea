package io.mooring.circles;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/**
 * One chat message; a deleted one is a tombstone with no body. {@code changeNo} is the circle's change
 * number of its latest edit or deletion (0 if never changed).
 */
public record Message(long id, long circleId, long seq, long authorId, String authorName, String clientMsgId, String body,
    Long replyTo, OffsetDateTime at, OffsetDateTime editedAt, OffsetDateTime deletedAt, long changeNo) {

  static Message map(Row r) {
    return new Message(r.getLong("id"), r.getLong("circle_id"), r.getLong("seq"), r.getLong("author_id"),
        r.getString("display_name"), r.getString("client_msg_id"), r.getString("body"), r.getLong("reply_to"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("edited_at"), r.getOffsetDateTime("deleted_at"),
        r.getLong("change_no") == null ? 0 : r.getLong("change_no"));
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** The {@code message} frame and the REST history item share this shape. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("seq", seq)
        .put("author", new JsonObject().put("id", authorId).put("displayName", authorName))
        .put("body", deleted() ? null : body).put("replyTo", replyTo).put("at", DateTimes.text(at));
    if (editedAt != null) {
      o.put("editedAt", DateTimes.text(editedAt));
    }
    if (deleted()) {
      o.put("deleted", true);
    }
    return o;
  }

  /** Its current state as an {@code edited} or {@code deleted} frame (a tombstone carries no body), numbered by change. */
  public JsonObject toChangeJson() {
    JsonObject o = new JsonObject().put("type", deleted() ? "deleted" : "edited").put("id", id).put("seq", seq);
    if (!deleted()) {
      o.put("body", body).put("editedAt", DateTimes.text(editedAt));
    }
    return o.put("change", changeNo);
  }
}
