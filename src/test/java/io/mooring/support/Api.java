package io.mooring.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

/** A tiny blocking JSON client for tests: one person's view of the API. */
public final class Api {
  private final WebClient client;
  private final String token;

  Api(WebClient client, String token) {
    this.client = client;
    this.token = token;
  }

  /** The numbers in a JSON array as longs (JSON decoding yields Integer for small values). */
  public static java.util.List<Long> ids(io.vertx.core.json.JsonArray a) {
    return a.stream().map(o -> ((Number) o).longValue()).toList();
  }

  public String token() {
    return token;
  }

  public HttpResponse<Buffer> get(String path) {
    return request(HttpMethod.GET, path).send().await();
  }

  public HttpResponse<Buffer> delete(String path) {
    return request(HttpMethod.DELETE, path).send().await();
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) {
    return request(HttpMethod.PUT, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> patch(String path, JsonObject body) {
    return request(HttpMethod.PATCH, path).sendJsonObject(body).await();
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, Buffer body) {
    return request(method, path).putHeader("Content-Type", contentType).sendBuffer(body).await();
  }

  public HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> r = client.request(method, path).putHeader("Accept", "application/json");
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return r;
  }
}
