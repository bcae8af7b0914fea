package io.mooring.notifications;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One notification as its recipient sees it. */
public record Notification(long id, String kind, String title, String link, OffsetDateTime createdAt, OffsetDateTime readAt) {
  static Notification map(Row r) {
    return new Notification(r.getLong("id"), r.getString("kind"), r.getString("title"), r.getString("link"),
        r.getOffsetDateTime("created_at"), r.getOffsetDateTime("read_at"));
  }

  public boolean read() {
    return readAt != null;
  }

  /** Pages open a notification through here, so opening it marks it read. */
  public String openHref() {
    return "/notifications/" + id + "/open";
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("kind", kind).put("title", title).put("link", link)
        .put("createdAt", createdAt.toString()).put("read", read());
  }
}
