package io.mooring.support;

import io.mooring.Services;
import io.mooring.platform.auth.Passwords;
import io.mooring.supervision.Pairings;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Explicit test data, written out in SQL so a test says exactly what exists. Every person has the
 * password {@link #PASSWORD}.
 */
public final class Fixtures {
  public static final String PASSWORD = "correct-horse-battery";
  private static final String HASH = Passwords.hashNow(PASSWORD);
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final Pool pool;
  private final Services services;

  Fixtures(Pool pool, Services services) {
    this.pool = pool;
    this.services = services;
  }

  public record Person(long id, long orgId, String email, String displayName, String[] roles) {}

  public long anOrganization() {
    return anOrganization("America/Chicago");
  }

  public long anOrganization(String zone) {
    return pool.preparedQuery("insert into organizations (name, time_zone) values ($1, $2) returning id")
        .execute(Tuple.of("Org " + SEQ.incrementAndGet(), zone)).await().iterator().next().getLong(0);
  }

  public Person aPeer(long orgId) {
    return aPerson(orgId, "peer");
  }

  public Person aSupervisor(long orgId) {
    return aPerson(orgId, "supervisor");
  }

  public Person anAdmin(long orgId) {
    return aPerson(orgId, "admin");
  }

  /** A person with exactly these roles (comma-free role names), e.g. {@code aPerson(org, "supervisor", "peer")}. */
  public Person aPerson(long orgId, String... roles) {
    int n = SEQ.incrementAndGet();
    String name = String.join("-", roles) + " " + n;
    String email = "person" + n + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    Row r = pool.preparedQuery("insert into users (org_id, email, display_name, password_hash, roles) values ($1,$2,$3,$4,$5) returning id")
        .execute(Tuple.of(orgId, email, name, HASH, roles)).await().iterator().next();
    return new Person(r.getLong(0), orgId, email, name, Arrays.copyOf(roles, roles.length));
  }

  public long aTeam(long orgId, Person... members) {
    long id = pool.preparedQuery("insert into teams (org_id, name) values ($1, $2) returning id")
        .execute(Tuple.of(orgId, "Team " + SEQ.incrementAndGet())).await().iterator().next().getLong(0);
    for (Person p : members) {
      pool.preparedQuery("insert into team_members (team_id, user_id) values ($1, $2)").execute(Tuple.of(id, p.id())).await();
    }
    return id;
  }

  /** An active supervision pairing; clinical pairings get a credential and licence number. */
  public long aPairing(Person supervisor, Person supervisee, String type) {
    boolean clinical = type.equals("clinical");
    return Pairings.insert(pool, supervisor.orgId(), supervisor.id(), supervisee.id(), type,
        clinical ? "LCSW" : null, clinical ? "LIC-" + SEQ.incrementAndGet() : null).await().id();
  }

  public void endPairing(long pairingId) {
    pool.preparedQuery("update supervision_pairings set ended_at = now() where id = $1").execute(Tuple.of(pairingId)).await();
  }

  /** A circle with these members; the first is its facilitator. */
  public long aCircle(long orgId, Person... members) {
    long id = pool.preparedQuery("insert into circles (org_id, name) values ($1, $2) returning id")
        .execute(Tuple.of(orgId, "Circle " + SEQ.incrementAndGet())).await().iterator().next().getLong(0);
    for (int i = 0; i < members.length; i++) {
      pool.preparedQuery("insert into circle_members (circle_id, user_id, role) values ($1, $2, $3)")
          .execute(Tuple.of(id, members[i].id(), i == 0 ? "facilitator" : "member")).await();
    }
    return id;
  }

  /** A signed-in session for this person, without the cost (or throttling) of a password check. */
  public String tokenFor(Person p) {
    UUID sid = UUID.randomUUID();
    byte[] csrf = new byte[18];
    new SecureRandom().nextBytes(csrf);
    pool.preparedQuery("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, $4)")
        .execute(Tuple.of(sid, p.id(), Base64.getUrlEncoder().encodeToString(csrf), OffsetDateTime.now().plusHours(1))).await();
    return services.tokens().issue(p.id(), sid.toString());
  }

  public Pool pool() {
    return pool;
  }

  /** Takes a person out of a circle (they leave or are removed). */
  public void leaveCircle(long circleId, Person p) {
    pool.preparedQuery("delete from circle_members where circle_id = $1 and user_id = $2").execute(Tuple.of(circleId, p.id())).await();
  }

  /** Takes a person out of a team. */
  public void leaveTeam(long teamId, Person p) {
    pool.preparedQuery("delete from team_members where team_id = $1 and user_id = $2").execute(Tuple.of(teamId, p.id())).await();
  }

  /** The signed-in user record a service sees for this person (for calling services directly). */
  public io.mooring.platform.auth.CurrentUser currentUser(Person p) {
    java.util.Set<io.mooring.platform.auth.Role> roles = new java.util.HashSet<>();
    for (String r : p.roles()) {
      roles.add(io.mooring.platform.auth.Role.of(r));
    }
    return new io.mooring.platform.auth.CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), java.util.Set.copyOf(roles), null, null);
  }
}
