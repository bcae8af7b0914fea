package io.mooring.platform.web;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** What every page's layout needs: the title, who is signed in, navigation by role, the CSRF token. */
public record Shell(String title, CurrentUser user, String active, String flash, Integer unread) {
  /** Where the notifications feature leaves the signed-in person's unread count for the navigation. */
  public static final String UNREAD_KEY = "mooring.unread";

  public record NavItem(String href, String label, String key) {}

  public static Shell of(RoutingContext ctx, String title, String active) {
    String flash = flashKey(ctx);
    return new Shell(title, CurrentUser.orNull(ctx), active, flash == null ? null : Flash.text(flash), ctx.get(UNREAD_KEY));
  }

  // Error pages render this too, also for a request refused because its query does not decode.
  private static String flashKey(RoutingContext ctx) {
    try {
      return ctx.request().getParam("done");
    } catch (IllegalArgumentException undecodable) {
      return null;
    }
  }

  public String csrf() {
    return user == null ? "" : user.csrfToken();
  }

  public List<NavItem> nav() {
    List<NavItem> items = new ArrayList<>();
    if (user == null) {
      return items;
    }
    items.add(new NavItem("/", "Home", "home"));
    if (user.has(Role.SUPERVISOR) || user.has(Role.PEER)) {
      items.add(new NavItem("/supervision", "Supervision", "supervision"));
    }
    if (user.has(Role.PEER) || user.has(Role.SUPERVISOR)) {
      items.add(new NavItem("/checkins", "Check-ins", "checkins"));
    }
    if (user.has(Role.PEER)) {
      items.add(new NavItem("/circles", "Circles", "circles"));
      items.add(new NavItem("/disclosure", "My disclosure", "disclosure"));
    }
    if (user.has(Role.ADMIN)) {
      if (!user.has(Role.PEER) && !user.has(Role.SUPERVISOR)) {
        // Administrators see program-level check-in figures only (k >= 5), never a person's check-ins.
        items.add(new NavItem("/checkins/program", "Program", "checkins"));
      }
      items.add(new NavItem("/admin", "Admin", "admin"));
      items.add(new NavItem("/supervision/admin", "Pairings", "pairings"));
    }
    return items;
  }

  /** Short confirmation messages after a form post (Post/Redirect/Get), by key so nothing user-written is echoed. */
  public static final class Flash {
    private Flash() {}

    static String text(String key) {
      return switch (key) {
        case "saved" -> "Saved.";
        case "created" -> "Created.";
        case "removed" -> "Removed.";
        case "signed-out" -> "You are signed out.";
        case "agenda-added" -> "Added to your agenda. Your supervisor sees it when preparing your next session.";
        case "discarded" -> "Discarded. Nothing was signed, so nothing counts as supervision hours.";
        default -> null;
      };
    }
  }
}
