package io.mooring.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;

/**
 * Validates every /api/v1 request that matches an operation of the contract (parameters and body,
 * with vertx-openapi) before the feature's handler runs; a failure is a 400 problem+json naming
 * the field. Requests the contract does not describe pass through: the router decides (404, 405).
 * Must be mounted after the BodyHandler: it validates the body that handler already read.
 */
public final class ContractValidation implements Handler<RoutingContext> {
  public static final String DOCUMENT_PATH = "/api/v1/openapi.json";

  private final OpenAPIContract contract;
  private final RequestValidator validator;

  private ContractValidation(Vertx vertx, OpenAPIContract contract) {
    this.contract = contract;
    this.validator = RequestValidator.create(vertx, contract);
  }

  /** Serves the document and installs the validator on /api/v1/*. */
  public static void mount(Router router, Vertx vertx, ApiContract api) {
    router.get(DOCUMENT_PATH).handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(api.encoded()));
    router.route("/api/v1/*").handler(new ContractValidation(vertx, api.contract()));
  }

  @Override
  public void handle(RoutingContext ctx) {
    // A WebSocket handshake must be upgraded on the event loop it arrived on, untouched; the live
    // route checks its own parameters.
    if (ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
      ctx.next();
      return;
    }
    String path = withoutTrailingSlash(ctx.request().path());
    Operation op = contract.findOperation(path, ctx.request().method());
    if (op == null || nothingToValidate(op)) {
      ctx.next();
      return;
    }
    validator.validate(DecodedRequest.of(ctx, op, path, body(ctx)), op.getOperationId())
        .onSuccess(validated -> ctx.next())
        .onFailure(err -> {
          AppException problem = ContractErrors.toProblem(err);
          ctx.fail(problem == null ? err : problem);
        });
  }

  // Validation hops to a worker thread; an operation with no parameters and no body has nothing to check.
  private static boolean nothingToValidate(Operation op) {
    return op.getParameters().isEmpty() && op.getRequestBody() == null;
  }

  private static Buffer body(RoutingContext ctx) {
    RequestBody body = ctx.body();
    return body == null || body.buffer() == null ? Buffer.buffer() : body.buffer();
  }

  private static String withoutTrailingSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
