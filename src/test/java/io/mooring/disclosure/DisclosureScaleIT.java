package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.people.PeopleService;
import io.mooring.platform.auth.Passwords;
import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Lists cost a constant number of queries however many people they show; changes reach every node. */
@ExtendWith(ServerPerClass.class)
class DisclosureScaleIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  /** The real pool, counting every statement sent through it. */
  static Pool counting(Pool real, AtomicInteger statements) {
    return (Pool) Proxy.newProxyInstance(Pool.class.getClassLoader(), new Class<?>[] {Pool.class}, (proxy, method, args) -> {
      if (method.getName().equals("preparedQuery") || method.getName().equals("query")) {
        statements.incrementAndGet();
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
  }

  @Test
  void visibleProfilesUsesTheSameNumberOfQueriesForFiveOrFiftySubjects() {
    Person viewer = f.aPeer(org);
    Person supervisorOfSome = f.aSupervisor(org);
    List<Person> subjects = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Person p = f.aPeer(org);
      subjects.add(p);
      Api api = server.as(p);
      api.put("/api/v1/me/disclosure/items/pronouns", DisclosureTestData.content(ItemKind.PRONOUNS, p.id()));
      api.put("/api/v1/me/disclosure/items/pronouns/audiences", new JsonObject().put("audiences",
          new JsonArray().add(new JsonObject().put("type", i % 2 == 0 ? "organization" : "team"))));
    }
    f.aTeam(org, viewer, subjects.get(1), subjects.get(3));
    f.aPairing(supervisorOfSome, subjects.get(5), "peer");

    AtomicInteger statements = new AtomicInteger();
    Pool pool = counting(server.pool(), statements);
    PeopleService people = new PeopleService(pool, new Passwords(server.vertx()), server.services().sessions());
    DisclosureService d = new DisclosureService(pool, people,
        server.services().keys(), server.vertx(), io.mooring.platform.db.Listener.none(), server.services().notices());
    List<Long> five = subjects.subList(0, 5).stream().map(Person::id).toList();
    List<Long> fifty = subjects.stream().map(Person::id).toList();

    Map<Long, JsonArray> small = d.visibleProfiles(f.currentUser(viewer), five, "directory").await();
    int forFive = statements.getAndSet(0);
    Map<Long, JsonArray> large = d.visibleProfiles(f.currentUser(viewer), fifty, "directory").await();
    int forFifty = statements.get();

    assertEquals(forFive, forFifty, "statements for 5 vs 50 subjects");
    assertEquals(4, forFifty, "items+grants, the viewer's account, all the viewer's ties (relations.Entitlement), one access-log insert");
    assertEquals(5, small.size(), "0, 2, 4 share with the organization; 1 and 3 with a team the viewer is in");
    assertEquals(25 + 2, large.size());
  }

  @Test
  void aChangeOnOneNodeIsPublishedOnEveryNodesEventBus() throws Exception {
    Vertx otherVertx = Vertx.vertx();
    TestServer second = TestServer.start(otherVertx, server.db(), Map.of());
    try {
      Person owner = f.aPeer(org);
      CompletableFuture<Long> heard = new CompletableFuture<>();
      var consumer = otherVertx.eventBus().<JsonObject>consumer(DisclosureEvents.ADDRESS, m -> {
        if (m.body().getLong("ownerId") == owner.id()) {
          heard.complete(m.body().getLong("ownerId"));
        }
      });
      consumer.completion().await();
      server.as(owner).put("/api/v1/me/disclosure/items/pronouns", DisclosureTestData.content(ItemKind.PRONOUNS, owner.id()));
      assertEquals(owner.id(), heard.get(5, TimeUnit.SECONDS));
    } finally {
      second.close();
      otherVertx.close().await();
    }
  }
}
