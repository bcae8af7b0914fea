package io.mooring.platform.web;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.FieldLabels;
import io.vertx.ext.web.RoutingContext;

/** The HTML face of a failure: status, a plain message, a way back. */
public record ErrorPage(Shell shell, int status, String message) {

  public static void render(RoutingContext ctx, AppException e) {
    int status = ctx.response().getStatusCode();
    String message = status >= 500 ? "Something went wrong on our side. Please try again."
        : String.join(" ", FieldLabels.sentences(e));
    Pages.send(ctx, "layout/error.jte", new ErrorPage(Shell.of(ctx, "Error " + status, ""), status, message));
  }
}
