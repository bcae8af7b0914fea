package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.demo.DemoData;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo organization has months of supervision history, overdue pairings and carried action items. */
@ExtendWith(ServerPerClass.class)
class SupervisionDemoIT {
  static TestServer server;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    assertTrue(DemoData.loadIfEmpty(server.services()).await());
  }

  long count(String sql) {
    return server.pool().query(sql).execute().await().iterator().next().getLong(0);
  }

  @Test
  void everyPairingHasMonthsOfSignedHistory() {
    assertEquals(0, count("""
        select count(*) from supervision_pairings p where not exists (
          select 1 from supervision_records r join supervision_sessions s on s.id = r.session_id
           where r.pairing_id = p.id and r.status <> 'draft' and s.starts_at < now() - interval '60 days')"""));
    assertTrue(count("select count(*) from supervision_sessions where status in ('missed', 'cancelled')") > 0);
    assertTrue(count("select count(*) from supervision_item_reviews where decision = 'carried'") > 0);
    assertTrue(count("select count(*) from supervision_action_items where status = 'open'") > 0);
    assertTrue(count("select count(*) from supervision_records where status = 'finalized'") > 0, "some wait for acknowledgement");
  }

  @Test
  void dashboardsShowOverduePairingsAndOpenItems() {
    var rivera = server.anonymous().post("/api/v1/auth/login",
        new JsonObject().put("email", "rivera" + DemoData.DOMAIN).put("password", DemoData.PASSWORD)).bodyAsJsonObject().getString("token");
    var dash = server.client().get("/api/v1/supervision/dashboard").putHeader("Authorization", "Bearer " + rivera).send().await().bodyAsJsonObject();
    assertEquals(4, dash.getJsonArray("supervisees").size());
    assertTrue(dash.getLong("overdue") >= 1, dash.encode());
    assertTrue(dash.getJsonArray("supervisees").stream().anyMatch(o -> !((JsonObject) o).getJsonArray("openItems").isEmpty()));
  }
}
