package io.mooring.circles;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;

/** One member of a circle as other members see them: a name, a role, and what they chose to disclose. */
public record Member(long userId, String displayName, String role, boolean muted, OffsetDateTime mutedUntil, OffsetDateTime joinedAt) {

  static Member map(Row r) {
    return new Member(r.getLong("user_id"), r.getString("display_name"), r.getString("role"), r.getBoolean("muted"),
        r.getOffsetDateTime("muted_until"), r.getOffsetDateTime("joined_at"));
  }

  public JsonObject toCard(JsonArray disclosed) {
    return new JsonObject().put("id", userId).put("displayName", displayName).put("role", role).put("muted", muted)
        .put("mutedUntil", mutedUntil == null || mutedUntil.isBefore(OffsetDateTime.now()) ? null : mutedUntil.toString())
        .put("disclosed", disclosed == null ? new JsonArray() : disclosed);
  }
}
