package io.mooring.platform.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Vert.x's HTTP/1.x request decoder, refusing the request heads that lead to request smuggling or
 * that the application cannot answer sensibly. A refused head becomes an invalid request (Netty
 * then discards the rest of the connection's input, so a request hidden in the body is never
 * read); {@link EdgeResponses#invalidRequest} answers it and closes the connection.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
  // RFC 3986 host (reg-name, IPv4, or a bracketed IP literal) with an optional port.
  private static final Pattern HOST = Pattern.compile(
      "^(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:[0-9]{0,5})?$");

  /** A request head this server refuses; the message is safe to show the client. */
  static final class Refused extends IllegalArgumentException {
    final int status;

    Refused(int status, String message) {
      super(message, null);
      this.status = status;
    }
  }

  StrictRequestDecoder(HttpServerOptions options) {
    super(options);
  }

  // Netty calls this for every request head, before it decides how to read the body.
  @Override
  protected boolean isContentAlwaysEmpty(HttpMessage msg) {
    HttpVersion version = msg.protocolVersion();
    if (!version.equals(HttpVersion.HTTP_1_1) && !version.equals(HttpVersion.HTTP_1_0)) {
      // Answer in a version the client can read, as RFC 9110 asks for 505.
      msg.setProtocolVersion(HttpVersion.HTTP_1_1);
      throw new Refused(505, "This server speaks HTTP/1.1 and HTTP/1.0, not " + version.text() + ".");
    }
    List<String> transferEncoding = msg.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!transferEncoding.isEmpty()) {
      if (msg.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
        throw new Refused(400, "A request must not carry both Content-Length and Transfer-Encoding.");
      }
      if (transferEncoding.size() != 1 || !transferEncoding.get(0).trim().equalsIgnoreCase("chunked")) {
        throw new Refused(400, "The only Transfer-Encoding this server accepts is chunked.");
      }
    }
    List<String> host = msg.headers().getAll(HttpHeaderNames.HOST);
    if (host.size() != 1 || !HOST.matcher(host.get(0).trim()).matches()) {
      throw new Refused(400, host.isEmpty() ? "The Host header is required."
          : host.size() > 1 ? "Send one Host header." : "The Host header is not a valid host name.");
    }
    return super.isContentAlwaysEmpty(msg);
  }

  // Netty's own choice for this shape is to drop Content-Length and read chunked; refuse instead.
  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new Refused(400, "A request must not carry both Content-Length and Transfer-Encoding.");
  }
}
