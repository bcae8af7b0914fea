package io.mooring.circles;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One chat message; a deleted one is a tombstone with no body. */
public record Message(long id, long circleId, long seq, long authorId, String authorName, String clientMsgId, String body,
    Long replyTo, OffsetDateTime at, OffsetDateTime editedAt, OffsetDateTime deletedAt) {

  static Message map(Row r) {
    return new Message(r.getLong("id"), r.getLong("circle_id"), r.getLong("seq"), r.getLong("author_id"),
        r.getString("display_name"), r.getString("client_msg_id"), r.getString("body"), r.getLong("reply_to"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("edited_at"), r.getOffsetDateTime("deleted_at"));
  }

  public boolean deleted() {
    return deletedAt != null;
  }

  /** The {@code message} frame and the REST history item share this shape. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("seq", seq)
        .put("author", new JsonObject().put("id", authorId).put("displayName", authorName))
        .put("body", deleted() ? null : body).put("replyTo", replyTo).put("at", at.toString());
    if (editedAt != null) {
      o.put("editedAt", editedAt.toString());
    }
    if (deleted()) {
      o.put("deleted", true);
    }
    return o;
  }
}
