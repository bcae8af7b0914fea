package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A circle with members always keeps a facilitator: whoever would be the last one cannot step down, leave or be removed. */
@ExtendWith(ServerPerClass.class)
class CircleFacilitatorIT {
  static TestServer server;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = server.fixtures().anOrganization();
  }

  private static void assertKeepsAFacilitator(HttpResponse<Buffer> res) {
    assertEquals(409, res.statusCode(), res.bodyAsString());
    assertEquals("application/problem+json", res.getHeader("Content-Type"));
    assertTrue(res.bodyAsJsonObject().getString("detail").startsWith("Make another member a facilitator"), res.bodyAsString());
  }

  /** The probe's repro: sam, sole facilitator, demoted themself (204) and nobody could run the circle again. */
  @Test
  void theSoleFacilitatorCannotDemoteThemself() {
    Fixtures.Person sam = server.fixtures().aPeer(org);
    Fixtures.Person jordan = server.fixtures().aPeer(org);
    var created = server.as(sam).post("/api/v1/circles", new JsonObject().put("name", "Sam's circle").put("joinPolicy", "invite"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long c = created.bodyAsJsonObject().getLong("id");
    assertEquals(204, server.as(sam).put("/api/v1/circles/" + c + "/invitations/" + jordan.id(), new JsonObject()).statusCode());
    assertEquals(200, server.as(jordan).post("/api/v1/circles/" + c + "/join", new JsonObject().put("acceptGroundRules", true)).statusCode());

    assertKeepsAFacilitator(server.as(sam).patch("/api/v1/circles/" + c + "/members/" + sam.id(), new JsonObject().put("role", "member")));
    assertEquals(200, server.as(sam).get("/api/v1/circles/" + c + "/requests").statusCode(), "sam still runs the circle");
    assertKeepsAFacilitator(server.as(sam).post("/api/v1/circles/" + c + "/leave", new JsonObject()));

    // Once jordan is a facilitator too, sam may step down; then jordan is the last one.
    assertEquals(204, server.as(sam).patch("/api/v1/circles/" + c + "/members/" + jordan.id(), new JsonObject().put("role", "facilitator")).statusCode());
    assertEquals(204, server.as(sam).patch("/api/v1/circles/" + c + "/members/" + sam.id(), new JsonObject().put("role", "member")).statusCode());
    assertKeepsAFacilitator(server.as(jordan).patch("/api/v1/circles/" + c + "/members/" + jordan.id(), new JsonObject().put("role", "member")));
    assertEquals(204, server.as(jordan).patch("/api/v1/circles/" + c + "/members/" + sam.id(), new JsonObject().put("muted", true)).statusCode(),
        "muting is not a role change");
  }

  @Test
  void aFacilitatorAloneInTheCircleCannotDemoteThemselfEither() {
    Fixtures.Person alone = server.fixtures().aPeer(org);
    long c = server.fixtures().aCircle(org, alone);
    assertKeepsAFacilitator(server.as(alone).patch("/api/v1/circles/" + c + "/members/" + alone.id(), new JsonObject().put("role", "member")));
    assertEquals(204, server.as(alone).post("/api/v1/circles/" + c + "/leave", new JsonObject()).statusCode(), "leaving an empty circle is fine");
  }

  /** Two facilitators who demote each other (or themselves) at the same moment must not both succeed. */
  @Test
  void twoFacilitatorsSteppingDownAtOnceLeaveOne() {
    for (int round = 0; round < 5; round++) {
      Fixtures.Person a = server.fixtures().aPeer(org);
      Fixtures.Person b = server.fixtures().aPeer(org);
      Fixtures.Person m = server.fixtures().aPeer(org);
      long c = server.fixtures().aCircle(org, a, b, m);
      assertEquals(204, server.as(a).patch("/api/v1/circles/" + c + "/members/" + b.id(), new JsonObject().put("role", "facilitator")).statusCode());
      var first = server.as(a).request(HttpMethod.PATCH, "/api/v1/circles/" + c + "/members/" + a.id())
          .sendJsonObject(new JsonObject().put("role", "member"));
      var second = server.as(b).request(HttpMethod.POST, "/api/v1/circles/" + c + "/leave")
          .sendJsonObject(new JsonObject());
      List<Integer> codes = Future.all(first, second).await().<HttpResponse<?>>list().stream()
          .map(HttpResponse::statusCode).sorted().toList();
      assertEquals(List.of(204, 409), codes, "round " + round);
      long left = server.fixtures().pool().preparedQuery("select count(*) from circle_members where circle_id = $1 and role = 'facilitator'")
          .execute(Tuple.of(c)).await().iterator().next().getLong(0);
      assertEquals(1, left, "round " + round);
    }
  }
}
