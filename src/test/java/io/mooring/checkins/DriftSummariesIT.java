package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.relations.DriftSummaries;
import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What supervision gets through the DriftSummaries seam: only current supervisees, only what the peer shared. */
@ExtendWith(ServerPerClass.class)
class DriftSummariesIT {
  static TestServer server;
  static Fixtures f;
  static long org;
  static DriftSummaries drift;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
    drift = server.services().checkins();
  }

  static CurrentUser user(Fixtures.Person p) {
    return new CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), Set.of(Role.SUPERVISOR), null, null);
  }

  static JsonObject checkIn(Fixtures.Person peer, boolean shareAnswers, boolean shareReflection) {
    JsonObject body = new JsonObject().put("unit", "hours")
        .put("activities", new JsonObject().put("peer_groups", 10).put("driving", 10))
        .put("pulses", new JsonObject().put("asked_outside_role", 5).put("felt_included", 4).put("felt_supported", 4).put("role_understood", 4))
        .put("reflection", "secret reflection").put("discuss", true).put("shareAnswers", shareAnswers).put("shareReflection", shareReflection);
    var res = server.as(peer).post("/api/v1/checkins", body);
    assertEquals(201, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject();
  }

  @Test
  void latestSharedHonoursTheSharingChoiceAndThePairing() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    var former = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    f.endPairing(f.aPairing(former, peer, "peer"));
    assertTrue(drift.latestShared(user(sup), peer.id()).await().isEmpty(), "no check-in yet");
    checkIn(peer, false, false);
    JsonObject s = drift.latestShared(user(sup), peer.id()).await().orElseThrow();
    assertEquals(50.0, s.getDouble("score"));
    assertEquals(2, s.getJsonArray("flags").size(), "threshold and discuss; asked_outside_role restates an unshared answer");
    assertFalse(s.containsKey("answers"));
    assertFalse(s.containsKey("reflection"));
    assertTrue(drift.latestShared(user(former), peer.id()).await().isEmpty(), "a former supervisor sees nothing");
    assertTrue(drift.latestShared(user(f.aSupervisor(org)), peer.id()).await().isEmpty());
    var outsider = f.aSupervisor(f.anOrganization());
    assertTrue(drift.latestShared(user(outsider), peer.id()).await().isEmpty());
  }

  @Test
  void sharedAnswersAndReflectionReachTheSupervisor() {
    var peer = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "clinical");
    checkIn(peer, true, true);
    JsonObject s = drift.latestShared(user(sup), peer.id()).await().orElseThrow();
    assertEquals("secret reflection", s.getString("reflection"));
    assertEquals(50.0, s.getJsonObject("answers").getJsonObject("shares").getDouble("driving"));
  }

  @Test
  void flagsAreResolvedInASupervisionRecord() {
    var peer = f.aPeer(org);
    var stranger = f.aPeer(org);
    var sup = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    long checkInId = checkIn(peer, true, false).getLong("id");
    checkIn(stranger, true, false);

    Map<Long, List<JsonObject>> open = drift.openFlags(user(sup), List.of(peer.id(), stranger.id())).await();
    assertEquals(Set.of(peer.id()), open.keySet(), "only current supervisees");
    List<Long> ids = open.get(peer.id()).stream().map(o -> o.getLong("id")).toList();
    assertEquals(3, ids.size());

    drift.resolveFlags(user(sup), peer.id(), ids.subList(0, 2), 4242L).await();
    List<JsonObject> left = drift.openFlags(user(sup), List.of(peer.id())).await().get(peer.id());
    assertEquals(List.of(ids.get(2)), left.stream().map(o -> o.getLong("id")).toList());

    JsonObject seen = server.as(peer).get("/api/v1/checkins/" + checkInId).bodyAsJsonObject();
    long resolved = seen.getJsonArray("flags").stream().map(o -> (JsonObject) o)
        .filter(o -> Long.valueOf(4242L).equals(o.getLong("resolvedInRecordId")) && o.getString("resolvedAt") != null).count();
    assertEquals(2, resolved);
  }

  @Test
  void nobodyElseCanResolveAndForeignFlagIdsAreRefused() {
    var peer = f.aPeer(org);
    var other = f.aPeer(org);
    var sup = f.aSupervisor(org);
    var former = f.aSupervisor(org);
    f.aPairing(sup, peer, "peer");
    f.aPairing(sup, other, "peer");
    f.endPairing(f.aPairing(former, peer, "peer"));
    checkIn(peer, false, false);
    checkIn(other, false, false);
    long flagId = drift.openFlags(user(sup), List.of(peer.id())).await().get(peer.id()).get(0).getLong("id");
    long otherFlag = drift.openFlags(user(sup), List.of(other.id())).await().get(other.id()).get(0).getLong("id");

    AppException e = assertThrows(AppException.class, () -> drift.resolveFlags(user(former), peer.id(), List.of(flagId), 1L).await());
    assertEquals(ErrorCode.NOT_FOUND, e.code());
    assertTrue(drift.openFlags(user(former), List.of(peer.id())).await().isEmpty());
    e = assertThrows(AppException.class, () -> drift.resolveFlags(user(sup), peer.id(), List.of(flagId, otherFlag), 1L).await());
    assertEquals(ErrorCode.NOT_FOUND, e.code(), "a flag of someone else is not this peer's");
    assertEquals(2, drift.openFlags(user(sup), List.of(peer.id())).await().get(peer.id()).size(),
        "nothing resolved on refusal (asked_outside_role stays unseen: the answers are not shared)");
  }
}
