package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.support.Fixtures;
import io.mooring.support.TestDb;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sign-in throttling and the audit log key on the client's address. Behind a proxy that is in
 * X-Forwarded-For, trusted only when MOORING_TRUST_PROXY says so (otherwise anyone could pick one).
 */
@ExtendWith(VertxExtension.class)
class TrustProxyIT {

  @Test
  void forwardedAddressIsUsedOnlyWhenTheProxyIsTrusted(Vertx vertx) {
    var db = TestDb.freshDatabase();
    try (TestServer direct = TestServer.start(vertx, db, Map.of());
         TestServer proxied = TestServer.start(vertx, db, Map.of("MOORING_TRUST_PROXY", "true"))) {
      Fixtures.Person p = direct.fixtures().aPeer(direct.fixtures().anOrganization());
      failSignIn(direct, p.email());
      assertEquals("127.0.0.1", lastFailureAddress(direct, p.email()));
      failSignIn(proxied, p.email());
      assertEquals("203.0.113.7", lastFailureAddress(proxied, p.email()));
    }
  }

  private static void failSignIn(TestServer server, String email) {
    var res = server.client().post("/api/v1/auth/login").putHeader("X-Forwarded-For", "203.0.113.7")
        .sendJsonObject(new JsonObject().put("email", email).put("password", "not-the-password")).await();
    assertEquals(401, res.statusCode(), res.bodyAsString());
  }

  private static String lastFailureAddress(TestServer server, String email) {
    return server.pool().preparedQuery("select address from audit_log where action = 'signin.failed' and detail->>'email' = $1 order by id desc limit 1")
        .execute(Tuple.of(email)).await().iterator().next().getString(0);
  }
}
