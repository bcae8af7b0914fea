package io.mooring.people;

import io.vertx.core.json.JsonObject;
import java.time.ZoneId;

public record Organization(long id, String name, ZoneId timeZone) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("timeZone", timeZone.getId());
  }
}
