package io.mooring.notifications;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The notifications page, opening one (marks it read, then goes where it points), and the e-mail choices. */
public final class NotificationPages {
  private final NotificationService notifications;

  NotificationPages(NotificationService notifications) {
    this.notifications = notifications;
  }

  public record ListPage(Shell shell, NotificationService.Page page, ZoneId zone) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    /** When it happened, as the reader's organization keeps time. */
    public String when(Notification n) {
      return WHEN.format(n.createdAt().atZoneSameInstant(zone));
    }
  }

  public record SettingsPage(Shell shell, List<NotificationService.Preference> preferences, boolean emailEnabled) {}

  void list(RoutingContext ctx) {
    long after = Http.queryLong(ctx, "after", 0, 0, Long.MAX_VALUE);
    CurrentUser me = CurrentUser.of(ctx);
    Future.all(notifications.list(me, after == 0 ? null : after, 50), notifications.zone(me))
        .onSuccess(all -> Pages.send(ctx, "notifications/list.jte",
            new ListPage(Shell.of(ctx, "Notifications", "notifications"), all.resultAt(0), all.resultAt(1))))
        .onFailure(ctx::fail);
  }

  void open(RoutingContext ctx) {
    notifications.markRead(CurrentUser.of(ctx), Http.pathId(ctx, "notificationId"))
        .onSuccess(n -> ctx.redirect(n.link())).onFailure(ctx::fail);
  }

  void markAllRead(RoutingContext ctx) {
    notifications.markAllRead(CurrentUser.of(ctx)).onSuccess(n -> ctx.redirect("/notifications?done=saved")).onFailure(ctx::fail);
  }

  void settings(RoutingContext ctx) {
    notifications.preferences(CurrentUser.of(ctx)).onSuccess(p -> Pages.send(ctx, "notifications/settings.jte",
        new SettingsPage(Shell.of(ctx, "Notification settings", "notifications"), p, notifications.mailEnabled()))).onFailure(ctx::fail);
  }

  void saveSettings(RoutingContext ctx) {
    Map<String, String> channels = new LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> {
      if (!e.getKey().equals("_csrf")) {
        channels.put(e.getKey(), e.getValue());
      }
    });
    notifications.setPreferences(CurrentUser.of(ctx), channels)
        .onSuccess(p -> ctx.redirect("/notifications/settings?done=saved")).onFailure(ctx::fail);
  }
}
