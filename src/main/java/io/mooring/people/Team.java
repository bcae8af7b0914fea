package io.mooring.people;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

public record Team(long id, long orgId, String name, List<Long> memberIds) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("memberIds", new JsonArray(memberIds));
  }
}
