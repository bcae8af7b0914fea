package io.mooring.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as vertx-openapi validates it, with every value decoded exactly once. Its own
 * RequestUtils.extract percent-decodes query values a second time and header values at all, so
 * {@code ?before=%25} or {@code If-Match: W/"%o<"} failed there with an exception (a 500). The
 * contract declares primitive parameters only (string, integer, boolean), so one value each.
 */
record DecodedRequest(Map<String, RequestParameter> getCookies, Map<String, RequestParameter> getHeaders,
    Map<String, RequestParameter> getPathParameters, Map<String, RequestParameter> getQuery,
    RequestParameter getBody, String getContentType) implements ValidatableRequest {

  private record Value(Object get) implements RequestParameter {}

  private static final RequestParameter ABSENT = new Value(null);

  /** Must run after {@link TextCheck#requestLine}: the path and query are known to decode cleanly. */
  static DecodedRequest of(RoutingContext ctx, Operation op, String path, Buffer body) {
    Map<String, RequestParameter> cookies = new HashMap<>();
    Map<String, RequestParameter> headers = new HashMap<>();
    Map<String, RequestParameter> pathParams = new HashMap<>();
    Map<String, RequestParameter> query = new HashMap<>();
    for (Parameter p : op.getParameters()) {
      String name = p.getName();
      switch (p.getIn()) {
        case COOKIE -> cookies.put(name, value(ctx.request().getCookie(name) == null ? null : ctx.request().getCookie(name).getValue()));
        case HEADER -> headers.put(name, value(ctx.request().getHeader(name)));
        case PATH -> pathParams.put(name, value(pathSegment(op.getAbsoluteOpenAPIPath(), path, name)));
        case QUERY -> query.put(name, value(first(ctx.queryParam(name))));
      }
    }
    RequestParameter bodyValue = op.getRequestBody() == null ? ABSENT : new Value(body);
    return new DecodedRequest(cookies, headers, pathParams, query, bodyValue, ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
  }

  private static RequestParameter value(String s) {
    return s == null ? ABSENT : new Value(s);
  }

  private static String first(List<String> values) {
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The value under {@code {name}} in the operation's path template, decoded once. */
  private static String pathSegment(String template, String path, String name) {
    String[] names = template.split("/");
    String[] values = path.split("/");
    for (int i = 0; i < names.length && i < values.length; i++) {
      if (names[i].equals("{" + name + "}")) {
        try {
          return StrictText.percentDecoded(values[i], false);
        } catch (StrictText.Invalid e) {
          return values[i];
        }
      }
    }
    return null;
  }
}
