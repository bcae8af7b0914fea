package io.mooring.people;

import io.mooring.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** A person in an organization, as administrators see them. */
public record Person(long id, long orgId, String email, String displayName, Set<Role> roles, boolean active) {

  public boolean has(Role r) {
    return roles.contains(r);
  }

  /** Everything, for administrators and the person themself. */
  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.stream().sorted().forEach(x -> r.add(x.dbName()));
    return new JsonObject().put("id", id).put("email", email).put("displayName", displayName).put("roles", r).put("active", active);
  }

  /**
   * What a colleague sees in the directory: name and email only. Roles are left out on purpose:
   * "peer" reveals lived experience, which only the person's own disclosure settings may share.
   */
  public JsonObject toDirectoryJson() {
    return new JsonObject().put("id", id).put("email", email).put("displayName", displayName);
  }
}
