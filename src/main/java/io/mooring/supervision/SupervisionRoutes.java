package io.mooring.supervision;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Role;
import io.vertx.ext.web.Router;

/** The supervision feature's whole URL table. */
public final class SupervisionRoutes {
  private static final String API = "/api/v1/supervision";

  private SupervisionRoutes() {}

  public static void mount(Router router, AuthHandler auth, SupervisionService s) {
    var p = new PairingApi(s);
    var admin = AuthHandler.role(Role.ADMIN);
    router.get(API + "/pairings").handler(auth.required()).handler(p::list);
    router.post(API + "/pairings").handler(auth.required()).handler(admin).handler(p::create);
    router.post(API + "/pairings/:pairingId/end").handler(auth.required()).handler(admin).handler(p::end);
    router.get(API + "/pairings/:pairingId/agreement").handler(auth.required()).handler(p::agreements);
    router.put(API + "/pairings/:pairingId/agreement").handler(auth.required()).handler(p::setAgreement);
    router.post(API + "/pairings/:pairingId/agreement/acknowledge").handler(auth.required()).handler(p::acknowledgeAgreement);
    router.put(API + "/pairings/:pairingId/schedule").handler(auth.required()).handler(p::setSchedule);
    router.get(API + "/pairings/:pairingId/upcoming").handler(auth.required()).handler(p::upcoming);
    router.get(API + "/pairings/:pairingId/sessions").handler(auth.required()).handler(p::sessions);
    router.post(API + "/pairings/:pairingId/sessions").handler(auth.required()).handler(p::createSession);
    router.get(API + "/pairings/:pairingId/agenda").handler(auth.required()).handler(p::agenda);
    router.post(API + "/pairings/:pairingId/agenda").handler(auth.required()).handler(p::addAgenda);
    router.post(API + "/schedule-preview").handler(auth.required()).handler(p::previewSchedule);
    router.get(API + "/settings").handler(auth.required()).handler(p::settings);
    router.put(API + "/settings").handler(auth.required()).handler(admin).handler(p::changeSettings);

    var r = new RecordApi(s);
    router.get(API + "/sessions/:sessionId").handler(auth.required()).handler(r::session);
    router.patch(API + "/sessions/:sessionId").handler(auth.required()).handler(r::changeSession);
    router.delete(API + "/sessions/:sessionId").handler(auth.required()).handler(r::discardSession);
    router.post(API + "/sessions/:sessionId/record").handler(auth.required()).handler(r::start);
    router.delete(API + "/sessions/:sessionId/record").handler(auth.required()).handler(r::discardDraft);
    router.get(API + "/sessions/:sessionId/record").handler(auth.required()).handler(r::get);
    router.put(API + "/sessions/:sessionId/record").handler(auth.required()).handler(r::update);
    router.post(API + "/sessions/:sessionId/record/finalize").handler(auth.required()).handler(r::finalizeRecord);
    router.post(API + "/sessions/:sessionId/record/acknowledge").handler(auth.required()).handler(r::acknowledge);
    router.post(API + "/sessions/:sessionId/record/amendments").handler(auth.required()).handler(r::amend);
    router.get(API + "/sessions/:sessionId/record/shares").handler(auth.required()).handler(r::shares);
    router.post(API + "/sessions/:sessionId/record/shares").handler(auth.required()).handler(r::share);
    router.delete(API + "/sessions/:sessionId/record/shares/:supervisorId").handler(auth.required()).handler(r::revoke);
    router.post(API + "/language-hints").handler(auth.required()).handler(r::hints);

    var o = new OverviewApi(s);
    router.get(API + "/dashboard").handler(auth.required()).handler(AuthHandler.role(Role.SUPERVISOR)).handler(o::dashboard);
    router.get(API + "/me").handler(auth.required()).handler(o::mine);
    router.get(API + "/overview").handler(auth.required()).handler(admin).handler(o::overview);
    router.get(API + "/supervisees/:userId/hours").handler(auth.required()).handler(o::hours);
    router.get(API + "/supervisees/:userId/hours.csv").handler(auth.required()).handler(o::hoursCsv);
    router.post(API + "/feed").handler(auth.required()).handler(o::rotateFeed);
    router.get("/supervision/feed/:secret").handler(o::feed);

    var pages = new SupervisionPages(s);
    router.get("/supervision").handler(auth.required()).handler(pages::dashboard);
    router.get("/supervision/admin").handler(auth.required()).handler(admin).handler(pages::admin);
    router.get("/supervision/sessions/:sessionId").handler(auth.required()).handler(pages::session);
    var setup = new PairingPages(s);
    router.get("/supervision/pairings/:pairingId").handler(auth.required()).handler(setup::pairing);
    router.get("/supervision/records").handler(auth.required()).handler(setup::records);
    router.get("/supervision/supervisees/:userId/hours").handler(auth.required()).handler(pages::hours);
  }
}
