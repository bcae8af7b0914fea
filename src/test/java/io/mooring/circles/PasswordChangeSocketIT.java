package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A password change ends the person's other sessions, and with them the chat sockets those sessions opened. */
@ExtendWith(ServerPerClass.class)
class PasswordChangeSocketIT {
  @Test
  void aSocketOfAnotherSessionClosesWhenThePasswordChanges(TestServer server) {
    long org = server.fixtures().anOrganization();
    var fac = server.fixtures().aPeer(org);
    var eli = server.fixtures().aPeer(org);
    long circle = server.fixtures().aCircle(org, fac, eli);
    try (LiveClient other = LiveClient.connect(server.vertx(), server.port(), server.fixtures().tokenFor(eli), circle, null)) {
      other.next("presence");
      String current = server.anonymous().post("/api/v1/auth/login", new JsonObject().put("email", eli.email())
          .put("password", Fixtures.PASSWORD)).bodyAsJsonObject().getString("token");
      var changed = server.client().post("/api/v1/me/password").putHeader("Authorization", "Bearer " + current)
          .sendJsonObject(new JsonObject().put("currentPassword", Fixtures.PASSWORD).put("newPassword", "a-new-long-password-2")).await();
      assertEquals(204, changed.statusCode(), changed.bodyAsString());
      assertTrue(other.waitClosed(2_000), "the other session's socket closes");
      assertEquals((short) 4401, other.closeCode, other.closeReason);
    }
  }
}
