package io.mooring;

import io.mooring.checkins.CheckInService;
import io.mooring.circles.ChatService;
import io.mooring.circles.CircleCalendar;
import io.mooring.circles.CircleService;
import io.mooring.disclosure.DisclosureService;
import io.mooring.notifications.NotificationService;
import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.SignInService;
import io.mooring.platform.auth.AuthHandler;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.SessionCache;
import io.mooring.platform.auth.Tokens;
import io.mooring.platform.config.AppConfig;
import io.mooring.platform.db.DbUrl;
import io.mooring.platform.db.Listener;
import io.mooring.platform.notify.MailWorker;
import io.mooring.platform.notify.NoticeDirectory;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.Entitlement;
import io.mooring.relations.Memberships;
import io.mooring.supervision.Pairings;
import io.mooring.supervision.SupervisionService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Every feature's service, built once per server and shared by all event loops (they hold no
 * per-request state). Features reach each other only through these services: supervision asks
 * check-ins for drift summaries; circles ask disclosure what a member card may show; check-ins
 * ask pairings (which delegate to io.mooring.relations); disclosure asks io.mooring.relations directly.
 */
public record Services(
    Vertx vertx,
    AppConfig config,
    Pool pool,
    Keys keys,
    Passwords passwords,
    Tokens tokens,
    SessionCache sessions,
    AuthHandler auth,
    PeopleService people,
    SignInService signIn,
    Pairings pairings,
    Memberships memberships,
    DbUrl db,
    Listener listener,
    CheckInService checkins,
    DisclosureService disclosure,
    SupervisionService supervision,
    CircleService circles,
    ChatService chat,
    Notifications notices,
    NotificationService notifications,
    MailWorker mail) {

  public static Services create(Vertx vertx, AppConfig config, Pool pool, Keys keys) {
    Passwords passwords = new Passwords(vertx);
    Tokens tokens = new Tokens(vertx, keys, config.tokenTtl());
    // The node's one LISTEN connection (sessions, chat fan-out, disclosure changes) needs the address, not the pool.
    // Main passes the embedded database's address too; only a config without any address leaves this null.
    DbUrl db = config.embeddedDb() ? null : DbUrl.parse(config.dbUrl(), config.dbUser(), config.dbPassword());
    Listener listener = db == null ? Listener.none() : new Listener(vertx, db.connectOptions());
    SessionCache sessions = new SessionCache(pool, listener);
    AuthHandler auth = new AuthHandler(tokens, sessions);
    PeopleService people = new PeopleService(pool, passwords, sessions);
    var notices = new Notifications(config.smtp() != null, noticeDirectory(people));
    SignInService signIn = new SignInService(pool, passwords, tokens, sessions);
    notices.jobs().every("forget old sign-in attempts", SignInService.FORGET_ATTEMPTS_EVERY, signIn::forgetOldAttempts);
    Pairings pairings = new Pairings(pool);
    Memberships memberships = new Memberships(pool);
    CheckInService checkins = new CheckInService(pool, people, new Entitlement(pool), notices);
    DisclosureService disclosure = new DisclosureService(pool, people, keys, vertx, listener, notices);
    SupervisionService supervision = new SupervisionService(pool, people, pairings, checkins, disclosure,
        List.of(new CircleCalendar(pool)), notices);
    CircleService circles = new CircleService(vertx, pool, db == null ? null : db.connectOptions(), listener, disclosure, memberships, notices);
    ChatService chat = new ChatService(vertx, pool, circles);
    return new Services(vertx, config, pool, keys, passwords, tokens, sessions, auth, people, signIn, pairings, memberships, db, listener,
        checkins, disclosure, supervision, circles, chat, notices,
        new NotificationService(pool, notices), mailWorker(vertx, config, pool, notices));
  }

  /** Names and zones for notice texts, from people, so the features writing notices need not import people. */
  private static NoticeDirectory noticeDirectory(PeopleService people) {
    return new NoticeDirectory() {
      @Override
      public Future<java.time.ZoneId> timeZone(long orgId) {
        return people.organization(orgId).map(Organization::timeZone);
      }

      @Override
      public Future<java.util.Map<Long, String>> displayNames(long orgId, java.util.List<Long> userIds) {
        return people.findMany(orgId, userIds).map(list -> {
          java.util.Map<Long, String> names = new java.util.HashMap<>();
          list.forEach(p -> names.put(p.id(), p.displayName()));
          return names;
        });
      }
    };
  }

  private static MailWorker mailWorker(Vertx vertx, AppConfig config, Pool pool,
                                                              Notifications notices) {
    String base = config.publicUrl().isBlank() ? "http://localhost:" + config.port() : config.publicUrl();
    return config.smtp() == null ? null : new MailWorker(vertx, pool, notices, config.smtp(), base);
  }

  /** Background work that belongs to the server rather than a request (the LISTEN connection, retention jobs). */
  public Future<Void> start() {
    return circles.start().compose(v -> listener.start()).onSuccess(v -> {
      notices.jobs().start(vertx);
      if (mail != null) {
        mail.start();
      }
    });
  }

  public Future<Void> stop() {
    notices.jobs().stop(vertx);
    Future<Void> mailStopped = mail == null ? Future.succeededFuture() : mail.stop();
    return mailStopped.transform(ar -> circles.stop()).compose(v -> listener.stop(), err -> listener.stop());
  }
}
