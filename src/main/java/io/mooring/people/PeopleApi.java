package io.mooring.people;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.Http;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/** JSON handlers: read, validate into a command, call the service, answer. */
final class PeopleApi {
  /** The shortest password the pages accept; the API's is the contract's minLength (people.json), the same number. */
  static final int MIN_PASSWORD = 12;

  private final PeopleService people;
  private final SignInService signIn;
  private final Pool pool;

  PeopleApi(PeopleService people, SignInService signIn, Pool pool) {
    this.people = people;
    this.signIn = signIn;
    this.pool = pool;
  }

  void login(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String email = body.getString("email").toLowerCase();
    String password = body.getString("password");
    signIn.signIn(email, password, address(ctx))
        .onSuccess(s -> Http.json(ctx, new JsonObject()
            .put("token", s.token())
            .put("expiresAt", DateTimes.text(s.expiresAt()))
            .put("user", s.user().toJson())))
        .onFailure(ctx::fail);
  }

  void logout(RoutingContext ctx) {
    signIn.signOut(CurrentUser.of(ctx)).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void me(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    people.teamIdsOf(me.id())
        .onSuccess(teams -> Http.json(ctx, me.toJson().put("teamIds", new JsonArray(teams))))
        .onFailure(ctx::fail);
  }

  void changePassword(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String current = body.getString("currentPassword");
    String next = body.getString("newPassword");
    people.changeOwnPassword(CurrentUser.of(ctx), current, next).onSuccess(v -> Http.noContent(ctx)).onFailure(ctx::fail);
  }

  void organization(RoutingContext ctx) {
    people.organization(CurrentUser.of(ctx).orgId()).onSuccess(o -> Http.json(ctx, o.toJson())).onFailure(ctx::fail);
  }

  void changeOrganization(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    String name = body.getString("name").strip();
    String zone = body.getString("timeZone").strip();
    people.changeOrganization(CurrentUser.of(ctx), name, zone).onSuccess(o -> Http.json(ctx, o.toJson())).onFailure(ctx::fail);
  }

  void listUsers(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    people.everyone(me.orgId()).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.stream().filter(p -> me.isAdmin() || p.active())
          .forEach(p -> out.add(me.isAdmin() || p.id() == me.id() ? p.toJson() : p.toDirectoryJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void getUser(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "userId");
    people.require(me.orgId(), id)
        .onSuccess(p -> Http.json(ctx, me.isAdmin() || p.id() == me.id() ? p.toJson() : p.toDirectoryJson()))
        .onFailure(ctx::fail);
  }

  void createUser(RoutingContext ctx) {
    JsonObject body = Http.body(ctx);
    var cmd = new PeopleService.NewPerson(body.getString("email").toLowerCase(), body.getString("displayName").strip(),
        roles(body), body.getString("password"));
    people.create(CurrentUser.of(ctx), cmd, address(ctx))
        .onSuccess(p -> Http.created(ctx, "/api/v1/users/" + p.id(), p.toJson()))
        .onFailure(ctx::fail);
  }

  void changeUser(RoutingContext ctx) {
    long id = Http.pathId(ctx, "userId");
    JsonObject body = Http.body(ctx);
    String name = body.getString("displayName") == null ? null : body.getString("displayName").strip();
    var roles = body.getValue("roles") == null ? null : roles(body);
    Boolean active = body.getBoolean("active");
    people.change(CurrentUser.of(ctx), id, new PeopleService.PersonChange(name, roles, active), address(ctx))
        .onSuccess(p -> Http.json(ctx, p.toJson()))
        .onFailure(ctx::fail);
  }

  void listTeams(RoutingContext ctx) {
    people.teams(CurrentUser.of(ctx).orgId()).onSuccess(teams -> {
      JsonArray out = new JsonArray();
      teams.forEach(t -> out.add(t.toJson()));
      Http.json(ctx, new JsonObject().put("items", out));
    }).onFailure(ctx::fail);
  }

  void createTeam(RoutingContext ctx) {
    String name = Http.body(ctx).getString("name").strip();
    people.createTeam(CurrentUser.of(ctx), name)
        .onSuccess(t -> Http.created(ctx, "/api/v1/teams/" + t.id(), t.toJson()))
        .onFailure(ctx::fail);
  }

  void addMember(RoutingContext ctx) {
    people.addToTeam(CurrentUser.of(ctx), Http.pathId(ctx, "teamId"), Http.pathId(ctx, "userId"))
        .onSuccess(t -> Http.json(ctx, t.toJson())).onFailure(ctx::fail);
  }

  void removeMember(RoutingContext ctx) {
    people.removeFromTeam(CurrentUser.of(ctx), Http.pathId(ctx, "teamId"), Http.pathId(ctx, "userId"))
        .onSuccess(t -> Http.json(ctx, t.toJson())).onFailure(ctx::fail);
  }

  void auditLog(RoutingContext ctx) {
    long before = Http.queryLong(ctx, "before", Long.MAX_VALUE, 1, Long.MAX_VALUE);
    int limit = (int) Http.queryLong(ctx, "limit", 50, 1, 200);
    AuditLog.page(pool, CurrentUser.of(ctx).orgId(), before, limit).onSuccess(items -> {
      JsonObject body = new JsonObject().put("items", items);
      if (items.size() == limit) {
        body.put("next", "/api/v1/audit?before=" + items.getJsonObject(items.size() - 1).getLong("id") + "&limit=" + limit);
      }
      Http.json(ctx, body);
    }).onFailure(ctx::fail);
  }

  static String address(RoutingContext ctx) {
    var remote = ctx.request().remoteAddress();
    return remote == null ? "unknown" : remote.hostAddress();
  }

  /**
   * The roles a body names. Shape (at most three, each one of PeopleRole, passwords' and names' lengths, a real
   * e-mail address, nothing blank) is the contract's; passwords are taken as sent, never trimmed.
   */
  private static List<String> roles(JsonObject body) {
    List<String> out = new ArrayList<>();
    body.getJsonArray("roles", new JsonArray()).forEach(r -> out.add((String) r));
    return out;
  }
}
