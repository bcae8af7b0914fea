package io.mooring.platform.http;

import io.mooring.platform.db.UniqueViolation;
import io.mooring.platform.server.ClientDisconnects;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: AppException → problem+json (or an error page for HTML requests);
 * vertx-web's HttpException keeps its status; anything else is logged with a request id and
 * answered as a plain 500 with no exception text.
 */
public final class FailureHandler {
  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  private final BiConsumer<RoutingContext, AppException> htmlRenderer;

  public FailureHandler(BiConsumer<RoutingContext, AppException> htmlRenderer) {
    this.htmlRenderer = htmlRenderer;
  }

  public void handle(RoutingContext ctx) {
    if (ClientDisconnects.isClientGone(ctx.failure()) || ctx.response().closed()) {
      // Nobody is left to answer: a client that leaves mid-request is routine, not our error.
      log.debug("{} {}: client went away ({})", ctx.request().method(), ctx.normalizedPath(), String.valueOf(ctx.failure()));
      return;
    }
    AppException problem = toAppException(ctx);
    if (problem == null) {
      String requestId = UUID.randomUUID().toString();
      log.error("request {} {} {} failed", requestId, ctx.request().method(), ctx.normalizedPath(), ctx.failure());
      problem = new AppException(ErrorCode.UNAVAILABLE, "Something went wrong on our side (request " + requestId + ").",
          List.of(), Map.of("requestId", requestId));
      respond(ctx, problem, 500);
      return;
    }
    respond(ctx, problem, problem.code().status);
  }

  private void respond(RoutingContext ctx, AppException problem, int status) {
    if (problem.data().get("retryAfterSeconds") instanceof Number seconds && !ctx.response().headWritten()) {
      ctx.response().putHeader("Retry-After", String.valueOf(seconds.longValue()));
    }
    if (wantsHtml(ctx)) {
      ctx.response().setStatusCode(status);
      htmlRenderer.accept(ctx, problem);
      return;
    }
    var body = Problems.of(problem.code(), problem.getMessage(), problem.fieldErrors(), problem.data(), ctx.request().path());
    if (status == 500) {
      body.put("status", 500).put("title", "Internal error");
    }
    Problems.send(ctx, status, body);
  }

  static boolean wantsHtml(RoutingContext ctx) {
    String path = ctx.request().path();
    if (path.startsWith("/api/") || path.startsWith("/health") || path.startsWith("/metrics")) {
      return false;
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }

  static AppException toAppException(RoutingContext ctx) {
    Throwable f = ctx.failure();
    if (f instanceof AppException a) {
      return a;
    }
    if (UniqueViolation.of(f)) {
      return AppException.conflict("That already exists.");
    }
    if (f instanceof DecoderException && isForm(ctx)) {
      // Netty's form decoder refuses a bad percent-escape before TextCheck sees the body.
      return new AppException(ErrorCode.INVALID, "The form body is not correctly percent-encoded (write %25 for a percent sign).");
    }
    if (f instanceof DecodeException || f instanceof DecoderException) {
      return new AppException(ErrorCode.INVALID, "The request body is not valid JSON.");
    }
    if (f instanceof HttpException h) {
      return fromStatus(h.getStatusCode(), h.getPayload());
    }
    if (f == null) {
      return fromStatus(ctx.statusCode(), null);
    }
    return null;
  }

  private static boolean isForm(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    return type != null && type.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }

  private static AppException fromStatus(int status, String payload) {
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.INVALID;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 409 -> ErrorCode.CONFLICT;
      case 412 -> ErrorCode.PRECONDITION_FAILED;
      case 413 -> ErrorCode.TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA;
      case 429 -> ErrorCode.TOO_MANY;
      default -> null;
    };
    if (code == null) {
      return null;
    }
    String detail = switch (code) {
      case NOT_FOUND -> "There is nothing at this address.";
      case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
      case TOO_LARGE -> "The request body is larger than this server accepts.";
      case FORBIDDEN -> payload == null ? "Not allowed." : payload;
      default -> payload == null ? code.title : payload;
    };
    return new AppException(code, detail);
  }
}
