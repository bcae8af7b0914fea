package io.mooring.support;

import io.mooring.Services;
import io.mooring.platform.auth.Passwords;
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
}
