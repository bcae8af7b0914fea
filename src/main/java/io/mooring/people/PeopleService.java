package io.mooring.people;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Passwords;
import io.mooring.platform.auth.Role;
import io.mooring.platform.auth.SeparationOfDuties;
import io.mooring.platform.auth.SessionCache;
import io.mooring.platform.auth.SessionRepository;
import io.mooring.platform.calendar.CalendarFeed;
import io.mooring.platform.db.UniqueViolation;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Organizations, people, roles and teams. Administrators manage; everyone else may look people up
 * by name within their own organization. Other features call this service, never the tables.
 */
public final class PeopleService {
  private final Pool pool;
  private final Passwords passwords;
  private final SessionCache sessions;

  public PeopleService(Pool pool, Passwords passwords, SessionCache sessions) {
    this.pool = pool;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  public record NewPerson(String email, String displayName, List<String> roles, String password) {}

  public record PersonChange(String displayName, List<String> roles, Boolean active) {}

  // ---- lookups other features use -------------------------------------------------------------

  public Future<Optional<Person>> find(long orgId, long userId) {
    return PeopleRepository.find(pool, orgId, userId);
  }

  /** The person, or NOT_FOUND when they are not in the organization. */
  public Future<Person> require(long orgId, long userId) {
    return find(orgId, userId).map(p -> p.orElseThrow(() -> AppException.notFound("Person " + userId)));
  }

  public Future<List<Person>> findMany(long orgId, List<Long> ids) {
    return ids.isEmpty() ? Future.succeededFuture(List.of()) : PeopleRepository.findMany(pool, orgId, ids);
  }

  public Future<List<Person>> everyone(long orgId) {
    return PeopleRepository.list(pool, orgId);
  }

  public Future<Organization> organization(long orgId) {
    return PeopleRepository.organization(pool, orgId).map(o -> o.orElseThrow(() -> AppException.notFound("Organization")));
  }

  public Future<List<Long>> teamIdsOf(long userId) {
    return PeopleRepository.teamIdsOf(pool, userId);
  }

  public Future<List<Long>> teammatesOf(long userId) {
    return PeopleRepository.teammatesOf(pool, userId);
  }

  public Future<List<Team>> teams(long orgId) {
    return PeopleRepository.teams(pool, orgId);
  }

  // ---- administration -------------------------------------------------------------------------

  public Future<Person> create(CurrentUser admin, NewPerson cmd, String address) {
    requireAdmin(admin);
    String badName = DisplayNames.problem(cmd.displayName());
    if (badName != null) {
      return Future.failedFuture(AppException.invalid("displayName", badName));
    }
    return passwords.hash(cmd.password()).compose(hash -> pool.withTransaction(tx ->
        PeopleRepository.insert(tx, admin.orgId(), cmd.email(), cmd.displayName(), hash, cmd.roles())
            .compose(p -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "user.created")
                    .subject("user", p.id()).from(address).with("roles", String.join(",", cmd.roles())))
                .map(p)))).recover(err -> Future.failedFuture(duplicateEmail(err)));
  }

  /** E-mail addresses are unique across Mooring: say so on the e-mail field, with what to do instead. */
  private static Throwable duplicateEmail(Throwable err) {
    if (UniqueViolation.of(err)) {
      return new AppException(ErrorCode.CONFLICT, "Someone already uses this e-mail address.",
          List.of(new AppException.FieldError("email", "is already used by another account: use a different address,"
              + " or find the person in the list of people to change their roles")), null);
    }
    return err;
  }

  public Future<Person> change(CurrentUser admin, long userId, PersonChange cmd, String address) {
    requireAdmin(admin);
    if (SeparationOfDuties.isSelf(admin, userId) && cmd.roles() != null
        && cmd.roles().stream().map(Role::of).anyMatch(r -> !admin.roles().contains(r))) {
      return SeparationOfDuties.refuse(pool, admin, "add_a_role", address);
    }
    String badName = cmd.displayName() == null ? null : DisplayNames.problem(cmd.displayName());
    if (badName != null) {
      return Future.failedFuture(AppException.invalid("displayName", badName));
    }
    return pool.withTransaction(tx -> PeopleRepository.find(tx, admin.orgId(), userId).compose(found -> {
      Person before = found.orElseThrow(() -> AppException.notFound("Person " + userId));
      List<String> roles = cmd.roles() == null ? before.roles().stream().map(Role::dbName).sorted().toList() : cmd.roles();
      boolean active = cmd.active() == null ? before.active() : cmd.active();
      if (before.id() == admin.id() && (!active || !roles.contains("admin"))) {
        throw AppException.conflict("You cannot remove your own administrator role or disable yourself.");
      }
      String name = cmd.displayName() == null ? before.displayName() : cmd.displayName();
      return PeopleRepository.update(tx, admin.orgId(), userId, name, roles, active).compose(updated -> {
        Person after = updated.orElseThrow();
        Future<Void> audit = Future.succeededFuture();
        if (!before.roles().equals(after.roles())) {
          audit = audit.compose(v -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "user.roles_changed")
              .subject("user", userId).from(address)
              .with("from", names(before.roles())).with("to", names(after.roles()))));
        }
        if (before.active() != after.active()) {
          audit = audit.compose(v -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(),
              after.active() ? "user.enabled" : "user.disabled").subject("user", userId).from(address)));
          if (!after.active()) {
            audit = audit.compose(v -> SessionRepository.revokeAll(tx, userId));
          }
        }
        return audit.map(after);
      });
    })).onSuccess(after -> sessions.forgetUser(userId));
  }

  public Future<Void> changeOwnPassword(CurrentUser me, String current, String next) {
    return PeopleRepository.passwordHash(pool, me.id())
        .compose(hash -> passwords.verify(current, hash))
        .compose(ok -> {
          if (!ok) {
            throw AppException.invalid("currentPassword", "is not your current password");
          }
          return passwords.hash(next);
        })
        // Whoever else holds a session of this person (a stolen token, a forgotten browser) is signed out at once:
        // the revocation NOTIFYs every node, whose caches forget it and whose chat sockets close. This session stays.
        .compose(hash -> pool.withTransaction(tx -> PeopleRepository.setPassword(tx, me.id(), hash)
            .compose(v -> me.sessionId() == null ? SessionRepository.revokeAll(tx, me.id())
                : SessionRepository.revokeOthers(tx, me.id(), java.util.UUID.fromString(me.sessionId())))
            .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "user.password_changed").subject("user", me.id())))))
        .onSuccess(v -> sessions.forgetUser(me.id()));
  }

  public Future<Organization> changeOrganization(CurrentUser admin, String name, String zone) {
    requireAdmin(admin);
    validZone(zone);
    return pool.withTransaction(tx -> PeopleRepository.updateOrganization(tx, admin.orgId(), name, zone)
        .compose(o -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "organization.changed")).map(o)));
  }

  public Future<Team> createTeam(CurrentUser admin, String name) {
    requireAdmin(admin);
    return pool.withTransaction(tx -> PeopleRepository.insertTeam(tx, admin.orgId(), name)
        .compose(t -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "team.created").subject("team", t.id())).map(t)));
  }

  public Future<Team> addToTeam(CurrentUser admin, long teamId, long userId) {
    return changeMembership(admin, teamId, userId, true);
  }

  public Future<Team> removeFromTeam(CurrentUser admin, long teamId, long userId) {
    return changeMembership(admin, teamId, userId, false);
  }

  private Future<Team> changeMembership(CurrentUser admin, long teamId, long userId, boolean add) {
    requireAdmin(admin);
    if (add && SeparationOfDuties.isSelf(admin, userId)) {
      return SeparationOfDuties.refuse(pool, admin, "add_a_team_membership", null);
    }
    return pool.withTransaction(tx -> PeopleRepository.team(tx, admin.orgId(), teamId)
        .compose(t -> {
          t.orElseThrow(() -> AppException.notFound("Team " + teamId));
          return PeopleRepository.find(tx, admin.orgId(), userId);
        })
        .compose(p -> {
          p.orElseThrow(() -> AppException.notFound("Person " + userId));
          return add ? PeopleRepository.addMember(tx, teamId, userId) : PeopleRepository.removeMember(tx, teamId, userId);
        })
        .compose(changed -> !changed ? Future.<Void>succeededFuture()
            : AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), add ? "team.member_added" : "team.member_removed")
                .subject("team", teamId).with("userId", userId)))
        .compose(v -> PeopleRepository.team(tx, admin.orgId(), teamId))
        .map(Optional::orElseThrow));
  }

  // ---- bootstrap (command line and demo) ---------------------------------------------------------

  /** Creates an organization with its first administrator; used by the CLI and the demo loader. */
  public Future<Person> bootstrap(String orgName, String zone, String email, String name, String password) {
    validZone(zone);
    DisplayNames.require(name);
    return passwords.hash(password).compose(hash -> pool.withTransaction(tx ->
        PeopleRepository.insertOrganization(tx, orgName, zone)
            .compose(org -> PeopleRepository.insert(tx, org.id(), email.toLowerCase(), name, hash, List.of("admin")))
            .compose(p -> AuditLog.record(tx, AuditLog.Entry.of(p.orgId(), null, "organization.bootstrapped").subject("user", p.id())).map(p))));
  }

  static void requireAdmin(CurrentUser user) {
    if (!user.isAdmin()) {
      throw AppException.forbidden("Only administrators can do this.");
    }
  }

  /**
   * Every zone an organization gets (the API, create-admin --time-zone, the demo) passes here. ZoneId.of alone also
   * takes offsets ("+05:00", "Z", "UTC+05:00") and zones no calendar app knows ("SystemV/EST5"), and each of those broke
   * every calendar feed of the organization; {@link CalendarFeed#knows} is the one list both agree on.
   */
  static void validZone(String zone) {
    if (!CalendarFeed.knows(zone)) {
      throw AppException.invalid("timeZone", "must be an IANA time zone such as America/Chicago");
    }
  }

  private static String names(Set<Role> roles) {
    Set<String> s = new HashSet<>();
    roles.forEach(r -> s.add(r.dbName()));
    return String.join(",", s.stream().sorted().toList());
  }
}
