package io.mooring.circles;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Role;
import io.vertx.ext.web.Router;

/** The circles feature's URL table: circles, membership, history, the live socket and pages. */
public final class CircleRoutes {
  private CircleRoutes() {}

  /** Before the body handler (see Routes): the upgrade request must not be read as a body. */
  public static void mountLive(Router router, AuthHandler auth, CircleService circles, ChatService chat) {
    // Paused so the request is not consumed while the session and membership are looked up.
    router.get("/api/v1/circles/:circleId/live").handler(ctx -> {
      ctx.request().pause();
      ctx.next();
    }).handler(auth.required()).handler(new LiveApi(circles, chat)::live);
  }

  public static void mount(Router router, AuthHandler auth, CircleService circles, ChatService chat) {
    var api = new CircleApi(circles, chat);
    var messages = new MessageApi(circles, chat);
    String c = "/api/v1/circles/:circleId";
    router.get("/api/v1/circle-crisis-resources").handler(auth.required()).handler(api::crisis);
    router.put("/api/v1/circle-crisis-resources").handler(auth.required()).handler(AuthHandler.role(Role.ADMIN)).handler(api::setCrisis);
    router.get("/api/v1/circles").handler(auth.required()).handler(api::list);
    router.post("/api/v1/circles").handler(auth.required()).handler(api::create);
    router.get(c).handler(auth.required()).handler(api::get);
    router.put(c).handler(auth.required()).handler(api::change);
    router.post(c + "/join").handler(auth.required()).handler(api::join);
    router.post(c + "/leave").handler(auth.required()).handler(api::leave);
    router.get(c + "/members").handler(auth.required()).handler(api::members);
    router.patch(c + "/members/:userId").handler(auth.required()).handler(api::changeMember);
    router.delete(c + "/members/:userId").handler(auth.required()).handler(api::remove);
    router.put(c + "/invitations/:userId").handler(auth.required()).handler(api::invite);
    router.get(c + "/requests").handler(auth.required()).handler(api::requests);
    router.post(c + "/requests/:userId/approve").handler(auth.required()).handler(api::approve);
    router.get(c + "/messages").handler(auth.required()).handler(messages::history);
    router.delete(c + "/messages/:messageId").handler(auth.required()).handler(messages::deleteMessage);
    router.get(c + "/messages/:messageId/edits").handler(auth.required()).handler(messages::edits);
    router.post(c + "/messages/:messageId/reports").handler(auth.required()).handler(messages::report);
    router.get(c + "/reports").handler(auth.required()).handler(messages::reports);
    router.put(c + "/read").handler(auth.required()).handler(messages::read);
    var moderation = new ModerationApi(new ModerationService(chat.pool(), circles), chat);
    router.post(c + "/reports/:reportId/resolution").handler(auth.required()).handler(moderation::resolve);
    router.get("/api/v1/circle-search").handler(auth.required()).handler(moderation::search);

    var pages = new CirclePages(circles);
    router.get("/circles").handler(auth.required()).handler(pages::list);
    router.get("/circles/:circleId").handler(auth.required()).handler(pages::circle);
  }
}
