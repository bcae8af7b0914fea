package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.demo.DemoData;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The demo tells the story it promises: Jordan drifts into chores, Maria into clinical work, Theo is overdue. */
@ExtendWith(ServerPerClass.class)
class CheckInDemoIT {
  static TestServer server;
  static io.mooring.people.DemoOrg org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    org = DemoData.load(server.services()).await();
  }

  static CurrentUser user(String handle) {
    Person p = org.person(handle);
    return new CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), p.roles(), null, null);
  }

  static List<CheckIn> history(String handle) {
    return server.services().checkins().history(user(handle), null, 50).await();
  }

  @Test
  void jordanDriftsIntoChoresAndMariaIntoClinicalWork() {
    List<CheckIn> jordan = history("jordan");
    assertEquals(CheckInDemo.PERIODS, jordan.size());
    assertTrue(jordan.get(0).score() > 50, "latest " + jordan.get(0).score());
    assertTrue(jordan.get(jordan.size() - 1).score() < 10, "earliest " + jordan.get(jordan.size() - 1).score());
    assertTrue(jordan.get(0).shares().getDouble("driving") > 10);
    List<CheckIn> maria = history("maria");
    assertTrue(maria.get(0).score() > 40);
    assertTrue(maria.get(0).shares().getDouble("case_management") > 5);
    assertTrue(maria.stream().anyMatch(c -> c.flags().stream().anyMatch(f -> f.kind().equals("medication"))));
    assertTrue(maria.stream().anyMatch(c -> c.flags().stream().anyMatch(f -> f.kind().equals("rising"))));
    List<CheckIn> sam = history("sam");
    assertTrue(sam.stream().allMatch(c -> c.score() < 25), "a steady peer stays in role");
  }

  @Test
  void supervisorsSeeWhatWasSharedAndTheoIsOverdue() {
    JsonObject jordan = server.services().checkins().latestShared(user("rivera"), org.person("jordan").id()).await().orElseThrow();
    assertTrue(jordan.containsKey("answers"));
    assertFalse(jordan.containsKey("reflection"));
    var due = server.services().checkins().dueFor(org.orgId(), List.of(org.person("theo").id(), org.person("sam").id())).await();
    assertEquals("overdue", due.get(org.person("theo").id()).state());
    assertEquals("ok", due.get(org.person("sam").id()).state());
    assertTrue(server.services().checkins().latestShared(user("okafor"), org.person("jordan").id()).await().isEmpty());
  }

  @Test
  void onlyTheTeamWithFivePeersShowsFigures() {
    var series = server.services().checkins().program().byTeam(org.admin()).await();
    assertEquals(3, series.size());
    for (var team : series) {
      assertFalse(team.months().isEmpty());
      boolean anyVisible = team.months().stream().anyMatch(c -> !c.suppressed());
      // Community Outreach has five peers (Rivera, Sam, Jordan, Rosa, Eli); the other teams stay below k = 5.
      assertEquals(team.name().equals("Community Outreach"), anyVisible, team.name());
    }
  }
}
