package io.mooring.support;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.ext.web.client.impl.WebClientInternal;

/**
 * Every response a test's WebClient receives from /api/v1 is checked against the OpenAPI document
 * before the test sees it; a response the document does not describe fails the request with an
 * AssertionError, so the test fails where it made the call.
 */
public final class ContractHook implements Handler<HttpContext<?>> {
  private ContractHook() {}

  /** Installs the check on this client (the one TestServer hands to Api and to tests). */
  public static WebClient install(WebClient client) {
    ((WebClientInternal) client).addInterceptor(new ContractHook());
    return client;
  }

  @Override
  public void handle(HttpContext<?> ctx) {
    if (ctx.phase() == ClientPhase.DISPATCH_RESPONSE) {
      HttpRequest<?> req = ctx.request();
      HttpResponse<?> res = ctx.response();
      String mismatch = ResponseContract.get().mismatch(req.method().name(), req.uri(), res.statusCode(),
          res.getHeader("Content-Type"), asBuffer(res.body()));
      if (mismatch != null) {
        ctx.fail(new AssertionError("The response does not match the OpenAPI document: " + mismatch));
        return;
      }
    }
    ctx.next();
  }

  private static Buffer asBuffer(Object body) {
    if (body == null || body instanceof Buffer) {
      return (Buffer) body;
    }
    if (body instanceof JsonObject o) {
      return o.toBuffer();
    }
    if (body instanceof JsonArray a) {
      return a.toBuffer();
    }
    return Buffer.buffer(body.toString());
  }
}
