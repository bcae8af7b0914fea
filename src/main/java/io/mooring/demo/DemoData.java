package io.mooring.demo;

import io.mooring.Services;
import io.mooring.checkins.CheckInDemo;
import io.mooring.circles.CircleDemo;
import io.mooring.disclosure.DisclosureDemo;
import io.mooring.people.DemoOrg;
import io.mooring.people.Person;
import io.mooring.people.PeopleService;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.mooring.supervision.Pairings;
import io.mooring.supervision.SupervisionDemo;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A believable organization for trying Mooring: an administrator, a peer supervisor, a licensed
 * clinical supervisor and nine peers across three teams. Each feature adds its own history through
 * its own demo class, called from {@link #load}.
 */
public final class DemoData {
  public static final String PASSWORD = "mooring-demo";
  public static final String DOMAIN = "@demo.mooring.test";

  /** Handle, display name, roles, team. README lists the same accounts. */
  static final List<String[]> PEOPLE = List.of(
      new String[] {"rivera", "Dana Rivera", "supervisor,peer", "Community Outreach"},
      new String[] {"okafor", "Dr. Chidi Okafor, LCSW", "supervisor", "Crisis Respite"},
      new String[] {"sam", "Sam Lee", "peer", "Community Outreach"},
      new String[] {"jordan", "Jordan Blake", "peer", "Community Outreach"},
      new String[] {"maria", "Maria Santos", "peer", "Crisis Respite"},
      new String[] {"theo", "Theo Nguyen", "peer", "Crisis Respite"},
      new String[] {"aisha", "Aisha Khan", "peer", "Recovery Center"},
      new String[] {"kwame", "Kwame Mensah", "peer", "Recovery Center"},
      new String[] {"rosa", "Rosa Delgado", "peer", "Community Outreach"},
      new String[] {"eli", "Eli Cohen", "peer", "Community Outreach"});

  private DemoData() {}

  /** Loads the demo organization unless the database already has an organization. */
  public static Future<Boolean> loadIfEmpty(Services s) {
    return s.pool().query("select count(*) from organizations").execute()
        .compose(rows -> rows.iterator().next().getLong(0) > 0
            ? Future.succeededFuture(false)
            : load(s).map(true));
  }

  public static Future<DemoOrg> load(Services s) {
    PeopleService people = s.people();
    return people.bootstrap("Harbor Peer Recovery Services", "America/Chicago", "admin" + DOMAIN, "Alex Morgan", PASSWORD)
        .compose(adminPerson -> {
          CurrentUser admin = new CurrentUser(adminPerson.id(), adminPerson.orgId(), adminPerson.email(), adminPerson.displayName(),
              Set.of(Role.ADMIN), null, null);
          Map<String, Person> byHandle = new LinkedHashMap<>();
          byHandle.put("admin", adminPerson);
          Map<String, Long> teams = new LinkedHashMap<>();
          Future<Void> chain = Future.succeededFuture();
          for (String team : List.of("Community Outreach", "Crisis Respite", "Recovery Center")) {
            chain = chain.compose(v -> people.createTeam(admin, team).map(t -> {
              teams.put(team, t.id());
              return null;
            }));
          }
          for (String[] p : PEOPLE) {
            chain = chain.compose(v -> people.create(admin,
                    new PeopleService.NewPerson(p[0] + DOMAIN, p[1], List.of(p[2].split(",")), PASSWORD), "demo")
                .compose(person -> {
                  byHandle.put(p[0], person);
                  return people.addToTeam(admin, teams.get(p[3]), person.id());
                })
                .mapEmpty());
          }
          DemoOrg org = new DemoOrg(adminPerson.orgId(), admin, byHandle, teams);
          return chain.compose(v -> loadFeatures(s, org)).map(org);
        });
  }

  /** Supervision pairings: a peer supervisor, a licensed clinical supervisor, and one peer with both. */
  static final List<String[]> PAIRINGS = List.of(
      new String[] {"rivera", "sam", "peer"},
      new String[] {"rivera", "jordan", "peer"},
      new String[] {"rivera", "rosa", "peer"},
      new String[] {"rivera", "aisha", "peer"},
      new String[] {"okafor", "maria", "clinical"},
      new String[] {"okafor", "theo", "clinical"},
      new String[] {"okafor", "kwame", "clinical"},
      new String[] {"okafor", "eli", "clinical"},
      new String[] {"okafor", "sam", "clinical"});

  /** Each feature's own demo history, in dependency order (supervision reads check-ins). */
  private static Future<Void> loadFeatures(Services s, DemoOrg org) {
    Future<Void> chain = Future.succeededFuture();
    for (String[] p : PAIRINGS) {
      boolean clinical = p[2].equals("clinical");
      chain = chain.compose(v -> Pairings.insert(s.pool(), org.orgId(), org.person(p[0]).id(), org.person(p[1]).id(), p[2],
          clinical ? "LCSW" : "Certified Peer Specialist Supervisor", clinical ? "LCSW-IL-149302" : null).mapEmpty());
    }
    // Features add their demo history here, one line each.
    // Order matters: supervision records read check-ins; disclosure shares with a circle the circles demo made.
    chain = chain.compose(v -> CheckInDemo.load(s.checkins(), org));
    chain = chain.compose(v -> SupervisionDemo.load(s.pool(), s.supervision(), s.people(), org));
    chain = chain.compose(v -> CircleDemo.load(s.pool(), org));
    chain = chain.compose(v -> DisclosureDemo.load(s.pool(), s.disclosure(), org));
    return chain;
  }
}
