package io.mooring.people;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.mooring.platform.web.Forms;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Server-rendered pages: sign-in, the start page, and administration of people and teams. */
public final class PeoplePages {
  private final PeopleService people;
  private final SignInService signIn;
  private final boolean secureCookies;

  PeoplePages(PeopleService people, SignInService signIn, boolean secureCookies) {
    this.people = people;
    this.signIn = signIn;
    this.secureCookies = secureCookies;
  }

  public record LoginPage(Shell shell, String email, String error, String next) {}

  public record HomePage(Shell shell, Organization org) {}

  /** {@code typed}: what was typed into "Add a person" when it failed, so nothing has to be typed again (never the password). */
  public record AdminPage(Shell shell, Organization org, List<Person> people, List<TeamRow> teams, List<String> errors, NewPersonForm typed) {}

  public record NewPersonForm(String displayName, String email, List<String> roles) {
    static final NewPersonForm EMPTY = new NewPersonForm("", "", List.of());
  }

  public record TeamRow(Team team, List<Person> members) {}

  void loginForm(RoutingContext ctx) {
    if (CurrentUser.orNull(ctx) != null) {
      ctx.redirect(safeNext(ctx.request().getParam("next")));
      return;
    }
    Pages.send(ctx, "people/login.jte", new LoginPage(Shell.of(ctx, "Sign in", ""), "", null, safeNext(ctx.request().getParam("next"))));
  }

  void login(RoutingContext ctx) {
    String email = ctx.request().getFormAttribute("email");
    String password = ctx.request().getFormAttribute("password");
    String next = safeNext(ctx.request().getFormAttribute("next"));
    if (email == null || email.isBlank() || password == null || password.isEmpty()) {
      Pages.send(ctx, 400, "people/login.jte", new LoginPage(Shell.of(ctx, "Sign in", ""), email == null ? "" : email,
          "Enter your email and password.", next));
      return;
    }
    signIn.signIn(email.strip(), password, PeopleApi.address(ctx)).onSuccess(s -> {
      Cookie c = Cookie.cookie(AuthHandler.COOKIE, s.token())
          .setHttpOnly(true).setSecure(secureCookies).setSameSite(CookieSameSite.LAX).setPath("/")
          .setMaxAge(java.time.Duration.between(java.time.OffsetDateTime.now(), s.expiresAt()).toSeconds());
      ctx.response().addCookie(c);
      ctx.redirect(next);
    }).onFailure(err -> {
      if (err instanceof AppException e) {
        if (e.data().get("retryAfterSeconds") instanceof Number seconds) {
          ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
        }
        Pages.send(ctx, e.code().status, "people/login.jte", new LoginPage(Shell.of(ctx, "Sign in", ""), email, e.getMessage(), next));
      } else {
        ctx.fail(err);
      }
    });
  }

  void logout(RoutingContext ctx) {
    signIn.signOut(CurrentUser.of(ctx)).onSuccess(v -> {
      ctx.response().addCookie(Cookie.cookie(AuthHandler.COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true));
      ctx.redirect("/login?done=signed-out");
    }).onFailure(ctx::fail);
  }

  void home(RoutingContext ctx) {
    people.organization(CurrentUser.of(ctx).orgId())
        .onSuccess(org -> Pages.send(ctx, "people/home.jte", new HomePage(Shell.of(ctx, "Home", "home"), org)))
        .onFailure(ctx::fail);
  }

  void admin(RoutingContext ctx) {
    renderAdmin(ctx, 200, List.of());
  }

  private void renderAdmin(RoutingContext ctx, int status, List<String> errors) {
    renderAdmin(ctx, status, errors, NewPersonForm.EMPTY);
  }

  private void renderAdmin(RoutingContext ctx, int status, List<String> errors, NewPersonForm typed) {
    long orgId = CurrentUser.of(ctx).orgId();
    Future.all(people.organization(orgId), people.everyone(orgId), people.teams(orgId)).onSuccess(all -> {
      Organization org = all.resultAt(0);
      List<Person> everyone = all.resultAt(1);
      List<Team> teams = all.resultAt(2);
      Map<Long, Person> byId = everyone.stream().collect(Collectors.toMap(Person::id, p -> p));
      List<TeamRow> rows = new ArrayList<>();
      teams.forEach(t -> rows.add(new TeamRow(t, t.memberIds().stream().map(byId::get).toList())));
      Pages.send(ctx, status, "people/admin.jte", new AdminPage(Shell.of(ctx, "Administration", "admin"), org, everyone, rows, errors, typed));
    }).onFailure(ctx::fail);
  }

  void createUser(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    JsonObject json = new JsonObject()
        .put("email", f.get("email"))
        .put("displayName", f.get("displayName"))
        .put("password", f.get("password"))
        .put("roles", roles(f));
    Input in = Input.of(json);
    var cmd = new PeopleService.NewPerson(in.email("email"), in.string("displayName", 1, 120),
        in.stringList("roles", 3, 20, Role.NAMES), in.string("password", PeopleApi.MIN_PASSWORD, 1024));
    var typed = new NewPersonForm(orEmpty(f.get("displayName")), orEmpty(f.get("email")), f.getAll("roles"));
    formResult(ctx, in, typed, () -> people.create(CurrentUser.of(ctx), cmd, PeopleApi.address(ctx)).mapEmpty());
  }

  void changeUser(RoutingContext ctx) {
    var f = ctx.request().formAttributes();
    long id = Http.pathId(ctx, "userId");
    Input in = Input.of(new JsonObject().put("roles", roles(f)));
    List<String> roles = in.stringList("roles", 3, 20, Role.NAMES);
    boolean active = "true".equals(f.get("active"));
    formResult(ctx, in, () -> people.change(CurrentUser.of(ctx), id, new PeopleService.PersonChange(null, roles, active), PeopleApi.address(ctx)).mapEmpty());
  }

  void createTeam(RoutingContext ctx) {
    Input in = Input.of(new JsonObject().put("name", ctx.request().getFormAttribute("name")));
    String name = in.string("name", 1, 120);
    formResult(ctx, in, () -> people.createTeam(CurrentUser.of(ctx), name).mapEmpty());
  }

  void changeTeam(RoutingContext ctx) {
    long teamId = Http.pathId(ctx, "teamId");
    Input in = Input.of(new JsonObject().put("userId", parseLong(ctx.request().getFormAttribute("userId"))));
    Long userId = in.id("userId");
    boolean remove = "remove".equals(ctx.request().getFormAttribute("action"));
    formResult(ctx, in, () -> (remove ? people.removeFromTeam(CurrentUser.of(ctx), teamId, userId)
        : people.addToTeam(CurrentUser.of(ctx), teamId, userId)).mapEmpty());
  }

  /** The ticked roles, each once: a role sent twice is one role, as the API stores it. */
  private static JsonArray roles(io.vertx.core.MultiMap f) {
    return new JsonArray(new ArrayList<>(new java.util.LinkedHashSet<>(f.getAll("roles"))));
  }

  private void formResult(RoutingContext ctx, Input in, java.util.function.Supplier<Future<Void>> action) {
    formResult(ctx, in, NewPersonForm.EMPTY, action);
  }

  /** Post/Redirect/Get on success; the page again with the errors named on failure and the new-person form as typed. */
  private void formResult(RoutingContext ctx, Input in, NewPersonForm typed, Supplier<Future<Void>> action) {
    Forms.submit(ctx, in, action, "/admin?done=saved", (status, errors) -> renderAdmin(ctx, status, errors, typed));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static Long parseLong(String s) {
    try {
      return s == null ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1L;
    }
  }

  /** Only local paths: an open redirect would let a link send a freshly signed-in person elsewhere. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
      return "/";
    }
    return next;
  }
}
