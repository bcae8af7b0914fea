package io.mooring.disclosure;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;

/** One audience of one item, with an optional expiry; {@code targetId} is a person, pairing or circle. */
public record Grant(Audience audience, Long targetId, OffsetDateTime expiresAt) {

  public boolean expired(OffsetDateTime now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("type", audience.dbName());
    if (audience.hasTarget()) {
      o.put(audience.targetField, targetId);
    }
    o.put("expiresAt", DateTimes.text(expiresAt));
    return o;
  }
}
