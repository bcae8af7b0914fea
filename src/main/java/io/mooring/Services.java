package io.mooring;

import io.mooring.circles.ChatService;
import io.mooring.circles.CircleMembership;
import io.mooring.circles.CircleService;
import io.mooring.disclosure.ProfileDisclosure;
import io.mooring.platform.db.DbUrl;
import io.mooring.people.PeopleService;
import io.mooring.people.SignInService;
import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Tokens;
import io.mooring.supervision.Pairings;
import io.mooring.platform.config.AppConfig;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * Every feature's service, built once per server and shared by all event loops (they hold no
 * per-request state). Features reach each other only through these services.
 */
public record Services(
    Vertx vertx,
    AppConfig config,
    Pool pool,
    Keys keys,
    Passwords passwords,
    Tokens tokens,
    AuthHandler auth,
    PeopleService people,
    SignInService signIn,
    Pairings pairings,
    CircleMembership circleMembership,
    CircleService circles,
    ChatService chat) {

  public static Services create(Vertx vertx, AppConfig config, Pool pool, Keys keys) {
    Passwords passwords = new Passwords(vertx);
    Tokens tokens = new Tokens(vertx, keys, config.tokenTtl());
    AuthHandler auth = new AuthHandler(tokens, pool);
    PeopleService people = new PeopleService(pool, passwords);
    SignInService signIn = new SignInService(pool, passwords, tokens);
    Pairings pairings = new Pairings(pool);
    CircleMembership circleMembership = new CircleMembership(pool);
    // The chat fan-out LISTENs on its own connection, so circles need the database address, not only the pool.
    CircleService circles = new CircleService(vertx, pool,
        config.embeddedDb() ? null : DbUrl.parse(config.dbUrl(), config.dbUser(), config.dbPassword()).connectOptions(), new NoDisclosureYet());
    ChatService chat = new ChatService(pool, circles);
    return new Services(vertx, config, pool, keys, passwords, tokens, auth, people, signIn, pairings, circleMembership, circles, chat);
  }

  /** Background work that belongs to the server rather than a request (fan-out listeners, retention jobs). */
  public io.vertx.core.Future<Void> start() {
    return circles.start();
  }

  public io.vertx.core.Future<Void> stop() {
    return circles.stop();
  }

  /** Until the disclosure feature lands: nobody has disclosed anything (the integrator replaces this). */
  private static final class NoDisclosureYet implements ProfileDisclosure {
    @Override
    public io.vertx.core.Future<java.util.Map<Long, io.vertx.core.json.JsonArray>> visibleProfiles(
        io.mooring.platform.auth.CurrentUser viewer, java.util.Collection<Long> subjectIds, String where) {
      return io.vertx.core.Future.succeededFuture(java.util.Map.of());
    }
  }
}
