package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The circles list and one circle's page; the chat itself is web/js/circles.js over the API and socket. */
public final class CirclePages {
  private final CircleService circles;

  CirclePages(CircleService circles) {
    this.circles = circles;
  }

  public record ListPage(Shell shell, List<Circle> mine, List<Circle> joinable) {}

  public record CirclePage(Shell shell, Circle circle, String crisisResources) {
    /** The crisis text with its phone numbers as tel: links. */
    public List<CrisisText.Part> crisisParts() {
      return CrisisText.parts(crisisResources);
    }
  }

  void list(RoutingContext ctx) {
    circles.list(CurrentUser.of(ctx)).onSuccess(all -> Pages.send(ctx, "circles/list.jte", new ListPage(Shell.of(ctx, "Circles", "circles"),
        all.stream().filter(Circle::isMember).toList(), all.stream().filter(c -> !c.isMember()).toList()))).onFailure(ctx::fail);
  }

  void circle(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    circles.visible(me, Http.pathId(ctx, "circleId"))
        .compose(c -> circles.crisisResources(me.orgId()).map(crisis -> new CirclePage(Shell.of(ctx, c.name(), "circles"), c, crisis)))
        .onSuccess(page -> Pages.send(ctx, "circles/circle.jte", page)).onFailure(ctx::fail);
  }
}
