package io.mooring.platform.web;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.FieldLabels;
import io.mooring.platform.http.Input;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * Post/Redirect/Get for a form: with the input's errors, or a 4xx from the action, the page again
 * (with that status) naming each field by the label the person sees; on success, a redirect.
 * Anything else is the failure handler's.
 */
public final class Forms {
  private Forms() {}

  /** Shows the form page again with these errors, as typed. */
  public interface Again {
    void render(int status, List<String> errors);
  }

  public static void submit(RoutingContext ctx, Input in, Supplier<Future<Void>> action, String redirectTo, Again again) {
    if (!in.ok()) {
      try {
        in.check();
      } catch (AppException e) {
        again.render(400, FieldLabels.sentences(e, ctx.request().path()));
        return;
      }
    }
    action.get().onSuccess(v -> ctx.redirect(redirectTo)).onFailure(err -> {
      if (err instanceof AppException e && e.code().status < 500) {
        again.render(e.code().status, FieldLabels.sentences(e, ctx.request().path()));
      } else {
        ctx.fail(err);
      }
    });
  }
}
