package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.Passwords;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password hashing is bounded: a burst past the queue gets 503 + Retry-After, never a pile-up. */
@ExtendWith(ServerPerClass.class)
class SignInFloodIT {

  @Test
  void aBurstOfSignInsBeyondTheHashingQueueIsAnswered503WithRetryAfter(TestServer server) {
    int burst = Passwords.THREADS + Passwords.QUEUE_LIMIT + 40;
    WebClient client = WebClient.create(server.vertx(), new WebClientOptions().setDefaultHost("localhost")
        .setDefaultPort(server.port()), new PoolOptions().setHttp1MaxSize(burst));
    List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      all.add(client.post("/api/v1/auth/login").putHeader("Accept", "application/json")
          .sendJsonObject(new JsonObject().put("email", "nobody" + i + "@example.test").put("password", "wrong-password")));
    }
    Future.join(all).await();
    int unavailable = 0;
    for (Future<HttpResponse<Buffer>> f : all) {
      HttpResponse<Buffer> res = f.result();
      assertTrue(Set.of(401, 429, 503).contains(res.statusCode()), res.statusCode() + " " + res.bodyAsString());
      assertEquals("application/problem+json", res.getHeader("Content-Type"));
      if (res.statusCode() == 503) {
        unavailable++;
        assertNotNull(res.getHeader("Retry-After"), res.bodyAsString());
      }
    }
    assertTrue(unavailable > 0, "with " + burst + " at once some must be turned away");
    assertTrue(unavailable <= burst - Passwords.QUEUE_LIMIT, "the queue is used before turning anyone away: " + unavailable);
    client.close();
  }
}
