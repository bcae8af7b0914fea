package io.mooring.platform.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * The signed-in person for this request, from the session row (or this node's memory of it, which
 * every change to the session or person clears: {@link SessionCache}), so that sign-out, disabling
 * and role changes take effect on the next request.
 */
public record CurrentUser(long id, long orgId, String email, String displayName, Set<Role> roles, String sessionId, String csrfToken) {
  static final String KEY = "mooring.user";

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return has(Role.ADMIN);
  }

  public boolean isSupervisor() {
    return has(Role.SUPERVISOR);
  }

  public boolean isPeer() {
    return has(Role.PEER);
  }

  public static CurrentUser of(RoutingContext ctx) {
    CurrentUser u = ctx.get(KEY);
    if (u == null) {
      throw new IllegalStateException("route is not behind the auth handler");
    }
    return u;
  }

  public static CurrentUser orNull(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.stream().sorted().forEach(x -> r.add(x.dbName()));
    return new JsonObject()
        .put("id", id)
        .put("organizationId", orgId)
        .put("email", email)
        .put("displayName", displayName)
        .put("roles", r)
        // Only an active account can be signed in: deactivation ends its sessions.
        .put("active", true);
  }
}
