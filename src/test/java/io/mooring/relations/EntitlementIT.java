package io.mooring.relations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one set of tie rules, read in both directions against real rows: the viewer's ties and the
 * owner's candidates always agree, and only active accounts holding the feature's role count.
 */
@ExtendWith(ServerPerClass.class)
class EntitlementIT {
  static TestServer server;
  static Fixtures f;
  static Entitlement entitlement;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    entitlement = new Entitlement(server.pool());
    org = f.anOrganization();
  }

  static Viewer viewer(Person p) {
    return entitlement.viewer(p.id(), p.orgId()).await();
  }

  static Viewer asCandidate(Person owner, Person p) {
    return entitlement.candidates(owner.id(), owner.orgId()).await().stream().filter(c -> c.viewer().id() == p.id())
        .findFirst().map(Entitlement.Candidate::viewer).orElse(Viewer.nobody(p.id(), p.orgId()));
  }

  static void sql(String statement, Object... args) {
    server.pool().preparedQuery(statement).execute(Tuple.from(args)).await();
  }

  @Test
  void bothDirectionsAgreeForEveryTie() {
    Person owner = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    Person circleMate = f.aPeer(org);
    Person teammate = f.aPerson(org, "supervisor");
    long pairing = f.aPairing(supervisor, owner, "peer");
    long circle = f.aCircle(org, owner, circleMate);
    f.aTeam(org, owner, teammate);
    for (Person p : List.of(supervisor, circleMate, teammate)) {
      Viewer v = viewer(p);
      Viewer c = asCandidate(owner, p);
      assertEquals(v.supervisees().contains(owner.id()), c.supervisees().contains(owner.id()));
      assertEquals(v.circleMembers().getOrDefault(circle, Set.of()).contains(owner.id()), c.circleMembers().getOrDefault(circle, Set.of()).contains(owner.id()));
      assertEquals(v.teammates().contains(owner.id()), c.teammates().contains(owner.id()));
    }
    assertTrue(viewer(supervisor).supervisedPairings().contains(pairing));
    assertTrue(Relation.CIRCLE_PEER.reaches(viewer(circleMate), owner.id(), org, circle));
    assertTrue(Relation.TEAMMATE.reaches(viewer(teammate), owner.id(), org, null), "teams require no role");
    assertTrue(entitlement.supervises(supervisor.id(), owner.id()).await());
    assertEquals(List.of(supervisor.id()), entitlement.supervisorsOf(owner.id()).await());
  }

  @Test
  void anArchivedCircleAndAnOwnerWhoLostThePeerRoleOpenNothing() {
    Person owner = f.aPeer(org);
    Person mate = f.aPeer(org);
    long archived = f.aCircle(org, owner, mate);
    sql("update circles set archived_at = now() where id = $1", archived);
    assertFalse(Relation.CIRCLE_PEER.reaches(viewer(mate), owner.id(), org, archived), "archived circles have no members");
    long live = f.aCircle(org, owner, mate);
    assertTrue(Relation.CIRCLE_PEER.reaches(viewer(mate), owner.id(), org, live));
    sql("update users set roles = '{supervisor}' where id = $1", owner.id());
    assertFalse(Relation.CIRCLE_PEER.reaches(viewer(mate), owner.id(), org, live), "the owner no longer counts as a member either");
  }

  @Test
  void aSupervisorWithoutTheRoleOrDeactivatedSupervisesNobody() {
    Person owner = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    f.aPairing(supervisor, owner, "peer");
    sql("update users set roles = '{peer}' where id = $1", supervisor.id());
    assertFalse(entitlement.supervises(supervisor.id(), owner.id()).await());
    assertTrue(entitlement.supervisorsOf(owner.id()).await().isEmpty());
    sql("update users set roles = '{supervisor}', active = false where id = $1", supervisor.id());
    assertFalse(viewer(supervisor).active());
    assertFalse(entitlement.supervises(supervisor.id(), owner.id()).await());
    assertTrue(entitlement.candidates(owner.id(), org).await().stream().noneMatch(c -> c.viewer().id() == supervisor.id()));
  }

  @Test
  void rowsThatCrossOrganizationsTieNobody() {
    long other = f.anOrganization();
    Person owner = f.aPeer(org);
    Person stranger = f.aPeer(other);
    // Rows no service would write, as a corrupted import might: still no tie across organizations.
    f.aTeam(org, owner, stranger);
    f.aCircle(org, owner, stranger);
    Viewer v = viewer(stranger);
    assertTrue(v.teammates().isEmpty() && v.circleMembers().isEmpty(), v.toString());
    assertFalse(entitlement.viewer(stranger.id(), org).await().active(), "not an account of that organization");
    assertTrue(entitlement.candidates(owner.id(), org).await().stream().noneMatch(c -> c.viewer().id() == stranger.id()));
  }
}
