package io.mooring;

import io.mooring.checkins.CheckInRoutes;
import io.mooring.circles.CircleRoutes;
import io.mooring.disclosure.DisclosureRoutes;
import io.mooring.notifications.NotificationRoutes;
import io.mooring.people.PeopleRoutes;
import io.mooring.platform.http.ApiContract;
import io.mooring.platform.http.ContractValidation;
import io.mooring.platform.http.FailureHandler;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.SecurityHeaders;
import io.mooring.platform.http.TextCheck;
import io.mooring.platform.server.HealthRoutes;
import io.mooring.platform.web.ErrorPage;
import io.mooring.supervision.SupervisionRoutes;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/** The router: platform handlers first, then each feature mounts its own URL table. */
public final class Routes {
  static final long MAX_BODY_BYTES = 256 * 1024;

  private Routes() {}

  public static Router create(Services s, ApiContract api) {
    Router router = Router.router(s.vertx());
    if (s.config().trustProxy()) {
      // Behind a proxy, the client's address (rate limits, audit) comes from X-Forwarded-For.
      router.allowForward(AllowForwardHeaders.X_FORWARD);
    }
    router.route().handler(new SecurityHeaders(s.config().secureCookies()));
    String publicUrl = s.config().publicUrl();
    router.route().handler(ctx -> ctx.put(Http.PUBLIC_URL, publicUrl).next());
    router.route().handler(TextCheck::requestLine);
    router.route("/static/*").handler(StaticHandler.create("web").setDefaultContentEncoding("UTF-8").setCachingEnabled(!s.config().devMode()).setMaxAgeSeconds(3600));
    // The chat socket is mounted before the body handler: reading a body would consume the upgrade request.
    CircleRoutes.mountLive(router, s.auth(), s.circles(), s.chat());
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.route().handler(TextCheck::body);

    ContractValidation.mount(router, s.vertx(), api);
    HealthRoutes.mount(router, s.pool());
    NotificationRoutes.mountUnreadCount(router, s.auth(), s.notifications());
    PeopleRoutes.mount(router, s.auth(), s.people(), s.signIn(), s.pool(), s.config().secureCookies());
    // Features mount here, one line each.
    CheckInRoutes.mount(router, s.auth(), s.checkins(), s.people());
    DisclosureRoutes.mount(router, s.auth(), s.disclosure(), s.people());
    SupervisionRoutes.mount(router, s.auth(), s.supervision());
    CircleRoutes.mount(router, s.auth(), s.circles(), s.chat());
    NotificationRoutes.mount(router, s.auth(), s.notifications());

    FailureHandler failures = new FailureHandler(ErrorPage::render);
    router.route().failureHandler(failures::handle);
    router.errorHandler(404, failures::handle);
    router.errorHandler(405, failures::handle);
    return router;
  }
}
