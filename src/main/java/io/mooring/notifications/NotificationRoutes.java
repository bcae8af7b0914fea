package io.mooring.notifications;

import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.web.Shell;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The notifications feature's URL table, and the unread count every signed-in page shows in its navigation. */
public final class NotificationRoutes {
  private NotificationRoutes() {}

  public static void mount(Router router, AuthHandler auth, NotificationService notifications) {
    var api = new NotificationApi(notifications);
    router.get("/api/v1/notifications").handler(auth.required()).handler(api::list);
    router.post("/api/v1/notifications/read").handler(auth.required()).handler(api::markAllRead);
    router.post("/api/v1/notifications/:notificationId/read").handler(auth.required()).handler(api::markRead);
    router.get("/api/v1/notifications/preferences").handler(auth.required()).handler(api::preferences);
    router.patch("/api/v1/notifications/preferences").handler(auth.required()).handler(api::setPreferences);

    var pages = new NotificationPages(notifications);
    router.get("/notifications").handler(auth.required()).handler(pages::list);
    router.post("/notifications/read").handler(auth.required()).handler(pages::markAllRead);
    router.get("/notifications/settings").handler(auth.required()).handler(pages::settings);
    router.post("/notifications/settings").handler(auth.required()).handler(pages::saveSettings);
    router.get("/notifications/:notificationId/open").handler(auth.required()).handler(pages::open);
  }

  /**
   * Mounted before the pages: for a signed-in person's page request, counts their unread notifications
   * for the navigation (one indexed count). API, static and health requests pass straight through; if
   * the count fails, the page shows without it. Routes without a method, filtering on GET inside: a GET-only
   * route matching every path made the router answer 405 instead of 404 to any other method on an unknown path.
   */
  public static void mountUnreadCount(Router router, AuthHandler auth, NotificationService notifications) {
    var optional = auth.optional();
    router.route().handler(ctx -> {
      if (isPage(ctx)) {
        optional.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.route().handler(ctx -> {
      CurrentUser me = CurrentUser.orNull(ctx);
      if (me == null || !isPage(ctx)) {
        ctx.next();
        return;
      }
      notifications.unread(me).onComplete(ar -> {
        if (ar.succeeded()) {
          ctx.put(Shell.UNREAD_KEY, ar.result());
        }
        ctx.next();
      });
    });
  }

  private static boolean isPage(RoutingContext ctx) {
    String path = ctx.request().path();
    return ctx.request().method() == io.vertx.core.http.HttpMethod.GET && !path.startsWith("/api/") && !path.startsWith("/static/") && !path.startsWith("/health/") && !path.equals("/metrics");
  }
}
