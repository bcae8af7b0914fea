package io.mooring.platform.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * The answers the server gives before any route runs: a problem+json document, then the
 * connection is closed, because what follows a malformed head on the same connection cannot be
 * trusted to be a request.
 */
final class EdgeResponses {
  static final String PROBLEM_JSON = "application/problem+json";

  private EdgeResponses() {}

  /** For heads the decoder refused (see {@link StrictRequestDecoder}) or could not parse. */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String detail;
    if (cause instanceof StrictRequestDecoder.Refused r) {
      status = r.status;
      detail = r.getMessage();
    } else if (cause instanceof TooLongHttpLineException) {
      status = 414;
      detail = "The request line is longer than this server accepts.";
    } else if (cause instanceof TooLongHttpHeaderException) {
      status = 431;
      detail = "The request headers are larger than this server accepts.";
    } else {
      status = 400;
      detail = "The request is not valid HTTP/1.1.";
    }
    request.response()
        .setStatusCode(status)
        .putHeader("Content-Type", PROBLEM_JSON)
        .putHeader("Connection", "close")
        .end(problem(status, detail).encode())
        .onComplete(done -> request.connection().close());
  }

  /** Written straight to the socket: this connection never reaches Vert.x's request handling. */
  static void refuseConnection(Channel channel, int status, String detail, int retryAfterSeconds) {
    byte[] body = problem(status, detail).encode().getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + HttpResponseStatus.valueOf(status).reasonPhrase() + "\r\n"
        + "Content-Type: " + PROBLEM_JSON + "\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Retry-After: " + retryAfterSeconds + "\r\n"
        + "Connection: close\r\n\r\n";
    channel.pipeline().firstContext()
        .writeAndFlush(Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.ISO_8859_1), body))
        .addListener(ChannelFutureListener.CLOSE);
  }

  static JsonObject problem(int status, String detail) {
    String title = HttpResponseStatus.valueOf(status).reasonPhrase();
    // The same problem types the application uses (ErrorCode) where there is one.
    String type = switch (status) {
      case 400 -> "invalid";
      case 429 -> "too-many";
      default -> title.toLowerCase().replace(' ', '-');
    };
    return new JsonObject()
        .put("type", "https://mooring.io/problems/" + type)
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
  }
}
