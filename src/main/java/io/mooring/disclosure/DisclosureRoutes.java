package io.mooring.disclosure;

import io.mooring.people.PeopleService;
import io.mooring.platform.auth.AuthHandler;
import io.vertx.ext.web.Router;

/** The disclosure feature's whole URL table: my settings and logs, preview, colleagues' profiles. */
public final class DisclosureRoutes {
  private DisclosureRoutes() {}

  public static void mount(Router router, AuthHandler auth, DisclosureService disclosure, PeopleService people) {
    var api = new DisclosureApi(disclosure);
    String me = "/api/v1/me/disclosure";
    router.get(me + "/items").handler(auth.required()).handler(api::items);
    router.get(me + "/items/:kind").handler(auth.required()).handler(api::item);
    router.put(me + "/items/:kind").handler(auth.required()).handler(api::saveItem);
    router.put(me + "/items/:kind/audiences").handler(auth.required()).handler(api::setAudiences);
    router.post(me + "/hide-all").handler(auth.required()).handler(api::hideAll);
    router.get(me + "/access-log").handler(auth.required()).handler(api::accessLog);
    router.get(me + "/access-log.csv").handler(auth.required()).handler(api::accessLogCsv);
    router.get(me + "/history").handler(auth.required()).handler(api::history);
    router.get(me + "/preview").handler(auth.required()).handler(api::preview);
    router.get(me + "/viewers").handler(auth.required()).handler(api::viewers);
    router.get("/api/v1/people/:userId/profile").handler(auth.required()).handler(api::profile);

    var pages = new DisclosurePages(disclosure, people);
    router.get("/disclosure").handler(auth.required()).handler(pages::settings);
    router.post("/disclosure/items/:kind").handler(auth.required()).handler(pages::saveItem);
    router.post("/disclosure/items/:kind/audiences").handler(auth.required()).handler(pages::setAudiences);
    router.post("/disclosure/hide-all").handler(auth.required()).handler(pages::hideAll);
    router.get("/people/:userId").handler(auth.required()).handler(pages::profile);
  }
}
