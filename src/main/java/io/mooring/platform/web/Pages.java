package io.mooring.platform.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders precompiled jte templates (compiled from src/main/jte at build time). Every template
 * takes one typed page record; jte escapes all output.
 */
public final class Pages {
  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  public static String render(String template, Object page) {
    StringOutput out = new StringOutput();
    ENGINE.render(template, page, out);
    return out.toString();
  }

  public static void send(RoutingContext ctx, String template, Object page) {
    String html = render(template, page);
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }

  public static void send(RoutingContext ctx, int status, String template, Object page) {
    ctx.response().setStatusCode(status);
    send(ctx, template, page);
  }
}
