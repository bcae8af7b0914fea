package io.mooring.circles;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON handlers for the moderation queue's decisions and for chat search. */
final class ModerationApi {
  static final int MAX_QUERY = 200;

  private final ModerationService moderation;
  private final ChatService chat;

  ModerationApi(ModerationService moderation, ChatService chat) {
    this.moderation = moderation;
    this.chat = chat;
  }

  void resolve(RoutingContext ctx) {
    // The contract (CirclesResolutionNew) checks the action and the hours' range; which goes with which is said here.
    Input in = Input.of(Http.body(ctx));
    String action = in.raw().getString("action");
    Integer hours = in.raw().getInteger("muteHours");
    if ("mute".equals(action) && hours == null) {
      in.fail("muteHours", "is required with the mute action");
    }
    if (!"mute".equals(action) && hours != null) {
      in.fail("muteHours", "goes only with the mute action");
    }
    in.check();
    moderation.resolve(CurrentUser.of(ctx), Http.pathId(ctx, "circleId"), Http.pathId(ctx, "reportId"), action, hours)
        .onSuccess(r -> Http.json(ctx, new JsonObject().put("resolution", r))).onFailure(ctx::fail);
  }

  void search(RoutingContext ctx) {
    String q = ctx.request().getParam("q");
    if (q == null || q.isBlank() || q.length() > MAX_QUERY) {
      throw AppException.invalid("q", "type 1 to " + MAX_QUERY + " characters to search for");
    }
    int limit = (int) Http.queryLong(ctx, "limit", 20, 1, 50);
    chat.search(CurrentUser.of(ctx), q.strip(), limit).onSuccess(items -> Http.json(ctx, new JsonObject().put("items", items))).onFailure(ctx::fail);
  }
}
