package io.mooring.people;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changing one's password ends every other session of that person at once; the one that changed it stays. */
@ExtendWith(ServerPerClass.class)
class PasswordChangeIT {
  @Test
  void changingThePasswordSignsOutEveryOtherSession(TestServer server) {
    long org = server.fixtures().anOrganization();
    var eli = server.fixtures().aPeer(org);
    var other = server.fixtures().aPeer(org);
    String t1 = login(server, eli.email(), Fixtures.PASSWORD);
    String t2 = login(server, eli.email(), Fixtures.PASSWORD);
    String bystander = login(server, other.email(), Fixtures.PASSWORD);
    assertEquals(200, me(server, t1), "remembered by the node before the change");

    var changed = server.client().post("/api/v1/me/password").putHeader("Authorization", "Bearer " + t2)
        .sendJsonObject(new JsonObject().put("currentPassword", Fixtures.PASSWORD).put("newPassword", "a-new-long-password-2")).await();
    assertEquals(204, changed.statusCode(), changed.bodyAsString());

    assertEquals(401, me(server, t1), "the other session ends at once");
    assertEquals(200, me(server, t2), "the session that changed it stays");
    assertEquals(200, me(server, bystander), "nobody else is signed out");
    assertEquals(200, server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", eli.email()).put("password", "a-new-long-password-2")).statusCode());
  }

  private static String login(TestServer server, String email, String password) {
    var res = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", email).put("password", password));
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getString("token");
  }

  private static int me(TestServer server, String token) {
    return server.client().get("/api/v1/me").putHeader("Authorization", "Bearer " + token).send().await().statusCode();
  }
}
