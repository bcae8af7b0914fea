package io.mooring;

import io.mooring.checkins.CheckInService;
import io.mooring.circles.CircleMembership;
import io.mooring.disclosure.DisclosureService;
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
import io.mooring.supervision.SupervisionService;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.DbUrl;
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
    CheckInService checkins) {
    DbUrl db,
    DisclosureService disclosure) {
    SupervisionService supervision) {
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
    CheckInService checkins = new CheckInService(pool, people, pairings);
    return new Services(vertx, config, pool, keys, passwords, tokens, auth, people, signIn, pairings, circleMembership,
        checkins);
    // Listeners (PgSubscriber) need their own connection; embedded single-node runs have no external address.
    DbUrl db = config.embeddedDb() ? null : DbUrl.parse(config.dbUrl(), config.dbUser(), config.dbPassword());
    DisclosureService disclosure = new DisclosureService(pool, people, pairings, circleMembership, keys, vertx, db);
    return new Services(vertx, config, pool, keys, passwords, tokens, auth, people, signIn, pairings, circleMembership, db, disclosure);
    SupervisionService supervision = new SupervisionService(pool, people, pairings, new NoCheckInsYet());
    return new Services(vertx, config, pool, keys, passwords, tokens, auth, people, signIn, pairings, circleMembership, supervision);
    // The chat fan-out LISTENs on its own connection, so circles need the database address, not only the pool.
    CircleService circles = new CircleService(vertx, pool,
        config.embeddedDb() ? null : DbUrl.parse(config.dbUrl(), config.dbUser(), config.dbPassword()).connectOptions(), new NoDisclosureYet());
    ChatService chat = new ChatService(pool, circles);
    return new Services(vertx, config, pool, keys, passwords, tokens, auth, people, signIn, pairings, circleMembership, circles, chat);
  }

  /** Background work that belongs to the server rather than a request (fan-out listeners, retention jobs). */
  public io.vertx.core.Future<Void> start() {
    return disclosure.start();
  }

  public io.vertx.core.Future<Void> stop() {
    return disclosure.stop();
  }

  /** Until the check-in feature lands: no summaries, no flags. The integrator replaces this with the check-in service. */
  private static final class NoCheckInsYet implements io.mooring.checkins.DriftSummaries {
    @Override
    public io.vertx.core.Future<java.util.Optional<io.vertx.core.json.JsonObject>> latestShared(
        io.mooring.platform.auth.CurrentUser supervisor, long peerId) {
      return io.vertx.core.Future.succeededFuture(java.util.Optional.empty());
    }

    @Override
    public io.vertx.core.Future<java.util.Map<Long, java.util.List<io.vertx.core.json.JsonObject>>> openFlags(
        io.mooring.platform.auth.CurrentUser supervisor, java.util.Collection<Long> peerIds) {
      return io.vertx.core.Future.succeededFuture(java.util.Map.of());
    }

    @Override
    public io.vertx.core.Future<Void> resolveFlags(io.mooring.platform.auth.CurrentUser supervisor, long peerId,
        java.util.Collection<Long> flagIds, long supervisionRecordId) {
      return io.vertx.core.Future.succeededFuture();
    }
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
