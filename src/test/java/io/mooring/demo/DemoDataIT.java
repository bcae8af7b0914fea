package io.mooring.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo organization loads into an empty database, once, and every listed account can sign in. */
@ExtendWith(ServerPerClass.class)
class DemoDataIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await());
  }

  @Test
  void loadsOnlyIntoAnEmptyDatabase() {
    assertFalse(DemoData.loadIfEmpty(server.services()).await());
    long orgs = server.pool().query("select count(*) from organizations").execute().await().iterator().next().getLong(0);
    assertEquals(1, orgs);
  }

  @Test
  void everyDemoAccountSignsInWithTheDemoPassword() {
    for (String handle : new String[] {"admin", "rivera", "okafor", "sam", "jordan", "maria", "theo", "aisha", "kwame", "rosa", "eli"}) {
      var res = server.anonymous().post("/api/v1/auth/login",
          new JsonObject().put("email", handle + DemoData.DOMAIN).put("password", DemoData.PASSWORD));
      assertEquals(200, res.statusCode(), handle + ": " + res.bodyAsString());
    }
  }

  @Test
  void hasBothKindsOfSupervisorAndAtLeastEightPeers() {
    var rows = server.pool().query("""
        select count(*) filter (where 'peer' = any(roles)) as peers,
               count(*) filter (where 'supervisor' = any(roles)) as supervisors,
               count(*) filter (where 'admin' = any(roles)) as admins from users""").execute().await().iterator().next();
    assertTrue(rows.getLong("peers") >= 8);
    assertEquals(2, rows.getLong("supervisors"));
    assertEquals(1, rows.getLong("admins"));
    long clinical = server.pool().query("select count(*) from supervision_pairings where type = 'clinical' and licence_number is not null")
        .execute().await().iterator().next().getLong(0);
    assertTrue(clinical > 0);
  }
}
