package io.mooring.people;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Role;
import io.vertx.ext.web.Router;

/** The people feature's whole URL table: sign-in, me, users, teams, organization, audit. */
public final class PeopleRoutes {
  private PeopleRoutes() {}

  public static void mount(Router router, AuthHandler auth, PeopleService people, SignInService signIn, io.vertx.sqlclient.Pool pool,
      boolean secureCookies) {
    var api = new PeopleApi(people, signIn, pool);
    router.post("/api/v1/auth/login").handler(api::login);
    router.post("/api/v1/auth/logout").handler(auth.required()).handler(api::logout);
    router.get("/api/v1/me").handler(auth.required()).handler(api::me);
    router.post("/api/v1/me/password").handler(auth.required()).handler(api::changePassword);
    router.get("/api/v1/organization").handler(auth.required()).handler(api::organization);
    router.patch("/api/v1/organization").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::changeOrganization);
    router.get("/api/v1/users").handler(auth.required()).handler(api::listUsers);
    router.post("/api/v1/users").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::createUser);
    router.get("/api/v1/users/:userId").handler(auth.required()).handler(api::getUser);
    router.patch("/api/v1/users/:userId").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::changeUser);
    router.get("/api/v1/teams").handler(auth.required()).handler(api::listTeams);
    router.post("/api/v1/teams").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::createTeam);
    router.put("/api/v1/teams/:teamId/members/:userId").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::addMember);
    router.delete("/api/v1/teams/:teamId/members/:userId").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::removeMember);
    router.get("/api/v1/audit").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::auditLog);

    var pages = new PeoplePages(people, signIn, secureCookies);
    router.get("/login").handler(auth.optional()).handler(pages::loginForm);
    router.post("/login").handler(pages::login);
    router.post("/logout").handler(auth.required()).handler(pages::logout);
    router.get("/").handler(auth.required()).handler(pages::home);
    router.get("/admin").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(pages::admin);
    router.post("/admin/users").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(pages::createUser);
    router.post("/admin/users/:userId").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(pages::changeUser);
    router.post("/admin/teams").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(pages::createTeam);
    router.post("/admin/teams/:teamId/members").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(pages::changeTeam);
  }
}
