package io.mooring.checkins;

import io.mooring.people.PeopleService;
import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Role;
import io.vertx.ext.web.Router;

/** The check-in feature's whole URL table. */
public final class CheckInRoutes {
  private CheckInRoutes() {}

  public static void mount(Router router, AuthHandler auth, CheckInService checkins, PeopleService people) {
    var api = new CheckInApi(checkins);
    var admin = AuthHandler.role(Role.ADMIN);
    router.get("/api/v1/checkins/instrument").handler(auth.required()).handler(api::instrument);
    router.get("/api/v1/checkins/program").handler(auth.required()).handler(admin).handler(api::program);
    router.get("/api/v1/checkins/settings").handler(auth.required()).handler(admin).handler(api::settings);
    router.patch("/api/v1/checkins/settings").handler(auth.required()).handler(admin).handler(api::changeSettings);
    router.get("/api/v1/checkins/people/:peerId").handler(auth.required()).handler(api::person);
    router.post("/api/v1/checkins").handler(auth.required()).handler(AuthHandler.role(Role.PEER)).handler(api::create);
    router.get("/api/v1/checkins").handler(auth.required()).handler(api::history);
    router.get("/api/v1/checkins/:checkInId").handler(auth.required()).handler(api::get);
    router.patch("/api/v1/checkins/:checkInId/sharing").handler(auth.required()).handler(api::changeSharing);
    router.put("/api/v1/checkins/:checkInId/supervisor-rating").handler(auth.required()).handler(api::rate);

    var pages = new CheckInPages(checkins, people);
    router.get("/checkins").handler(auth.required()).handler(pages::home);
    router.post("/checkins").handler(auth.required()).handler(AuthHandler.role(Role.PEER)).handler(pages::submit);
    router.post("/checkins/:checkInId/sharing").handler(auth.required()).handler(pages::changeSharing);
    router.post("/checkins/:checkInId/rating").handler(auth.required()).handler(pages::rate);
    router.get("/checkins/program").handler(auth.required()).handler(admin).handler(pages::program);
    router.get("/checkins/people/:peerId").handler(auth.required()).handler(pages::person);
  }
}
