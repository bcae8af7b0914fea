package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.mooring.platform.auth.SeparationOfDuties;
import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.db.UniqueViolation;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.supervision.Supervision.Agreement;
import io.mooring.supervision.Supervision.PairingStatus;
import io.mooring.supervision.Supervision.Schedule;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Pairings, their agreements and schedules, and the organization's overdue grace period. */
public final class PairingService {
  private final Pool pool;
  private final PeopleService people;

  PairingService(Pool pool, PeopleService people) {
    this.pool = pool;
    this.people = people;
  }

  public record NewPairing(long supervisorId, long superviseeId, String type, String credential, String licenceNumber) {}

  public record NewAgreement(String cadence, String confidentiality, String expectations) {}

  public record NewSchedule(String cadence, String rrule, LocalDateTime firstStart, int durationMinutes, String modality) {}

  public Future<Pairings.Pairing> create(CurrentUser admin, NewPairing cmd) {
    requireAdmin(admin);
    if (cmd.type().equals("clinical") && (cmd.credential() == null || cmd.licenceNumber() == null)) {
      throw AppException.invalid("licenceNumber", "clinical supervision needs the supervisor's credential and licence number");
    }
    if (cmd.supervisorId() == cmd.superviseeId()) {
      throw AppException.invalid("superviseeId", "must be someone other than the supervisor");
    }
    if (SeparationOfDuties.isSelf(admin, cmd.supervisorId()) || SeparationOfDuties.isSelf(admin, cmd.superviseeId())) {
      return SeparationOfDuties.refuse(pool, admin, "create_a_supervision_pairing", null);
    }
    // An id that names nobody in the organization is bad input on that field, not a missing resource.
    return Future.all(people.find(admin.orgId(), cmd.supervisorId()), people.find(admin.orgId(), cmd.superviseeId()))
        .compose(all -> {
          requireRole(all.resultAt(0), Role.SUPERVISOR, "supervisorId");
          requireRole(all.resultAt(1), Role.PEER, "superviseeId");
          return pool.withTransaction(tx -> Pairings.insert(tx, admin.orgId(), cmd.supervisorId(), cmd.superviseeId(), cmd.type(),
                  cmd.credential(), cmd.licenceNumber())
              .compose(p -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "supervision.pairing_created")
                  .subject("pairing", p.id()).with("type", p.type())).map(p)))
              .recover(err -> Future.failedFuture(duplicatePairing(err, cmd.type())));
        });
  }

  /** Two people have at most one active pairing of each type (sql/V2): say which one exists, on the supervisee. */
  private static Throwable duplicatePairing(Throwable err, String type) {
    if (UniqueViolation.of(err, "supervision_pairings_active")) {
      return new AppException(ErrorCode.CONFLICT, "This supervisor and supervisee already have an active " + type + " pairing.",
          List.of(new AppException.FieldError("superviseeId", "already has an active " + type
              + " pairing with this supervisor: use that pairing, or end it before creating a new one")), null);
    }
    return err;
  }

  public Future<Void> end(CurrentUser admin, long pairingId) {
    requireAdmin(admin);
    return pool.withTransaction(tx -> PairingRepository.end(tx, admin.orgId(), pairingId).compose(ended -> {
      if (!ended) {
        throw AppException.notFound("Active pairing " + pairingId);
      }
      return AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "supervision.pairing_ended").subject("pairing", pairingId));
    }));
  }

  /** Administrators see the organization's pairings; everyone else the pairings they are part of. */
  public Future<List<PairingStatus>> list(CurrentUser me, boolean includeEnded) {
    if (me.isAdmin()) {
      return PairingRepository.byOrg(pool, me.orgId(), includeEnded);
    }
    return Future.all(PairingRepository.bySupervisor(pool, me.orgId(), me.id()), PairingRepository.bySupervisee(pool, me.orgId(), me.id()))
        .map(all -> {
          List<PairingStatus> a = all.resultAt(0);
          List<PairingStatus> b = all.resultAt(1);
          return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
        });
  }

  /** The pairing and how {@code me} stands to it; a pairing of another organization does not exist. */
  public Future<Access> access(CurrentUser me, long pairingId) {
    return PairingRepository.pairing(pool, me.orgId(), pairingId).map(p -> {
      PairingRole r = PairingRole.of(me, p.orElse(null));
      return new Access(p.orElse(null), r);
    });
  }

  public record Access(Pairings.Pairing pairing, PairingRole role) {}

  public Future<Agreement> setAgreement(CurrentUser me, long pairingId, NewAgreement cmd) {
    return access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.ADMIN);
      requireActive(a.pairing());
      return pool.withTransaction(tx -> PairingRepository.insertAgreement(tx, pairingId, cmd.cadence(), cmd.confidentiality(),
              cmd.expectations(), me.id())
          .compose(g -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.agreement_changed")
              .subject("pairing", pairingId).with("version", g.version())).map(g)));
    });
  }

  /** Newest first; the pair and administrators (who set pairings up) may read agreements. */
  public Future<List<Agreement>> agreements(CurrentUser me, long pairingId) {
    return access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE, PairingRole.ADMIN);
      return PairingRepository.agreements(pool, pairingId);
    });
  }

  /** Acknowledges the version the person read; an older version than the latest is a conflict (it changed meanwhile). */
  public Future<Agreement> acknowledgeAgreement(CurrentUser me, long pairingId, int version) {
    return access(me, pairingId).compose(a -> {
      PairingRole r = a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE);
      return pool.withTransaction(tx -> PairingRepository.agreements(tx, pairingId).compose(list -> {
        if (list.isEmpty() || list.get(0).version() != version) {
          throw AppException.conflict("The agreement has changed: read version " + (list.isEmpty() ? 0 : list.get(0).version()) + " first.");
        }
        return PairingRepository.acknowledgeAgreement(tx, list.get(0).id(), r == PairingRole.SUPERVISOR)
            .compose(g -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.agreement_acknowledged")
                .subject("pairing", pairingId).with("version", version)).map(g));
      }));
    });
  }

  public Future<Schedule> setSchedule(CurrentUser me, long pairingId, NewSchedule cmd) {
    String rrule = Recurrence.rrule(cmd.cadence(), cmd.rrule(), cmd.firstStart());
    return Future.all(access(me, pairingId), people.organization(me.orgId())).compose(all -> {
      Access a = all.resultAt(0);
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.ADMIN);
      requireActive(a.pairing());
      Organization org = all.resultAt(1);
      int cadenceDays = Recurrence.cadenceDays(rrule, cmd.firstStart(), org.timeZone());
      Schedule s = new Schedule(0, pairingId, rrule, cmd.firstStart(), cmd.durationMinutes(), cmd.modality(), cadenceDays);
      return pool.withTransaction(tx -> PairingRepository.replaceSchedule(tx, s)
          .compose(saved -> Occurrences.store(tx, Occurrences.expand(saved, org.timeZone(), java.time.Instant.now()), org.timeZone()).map(saved)));
    });
  }

  /** One pairing with its schedule and agreement state, for those who set it up: its supervisor and administrators. */
  public Future<PairingStatus> status(CurrentUser me, long pairingId) {
    return access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.ADMIN);
      return PairingRepository.status(pool, me.orgId(), pairingId).map(o -> o.orElseThrow(() -> AppException.notFound("Pairing " + pairingId)));
    });
  }

  /** The next meetings a schedule would give, in the organization's zone, before anyone saves it. */
  public Future<List<java.time.ZonedDateTime>> preview(CurrentUser me, NewSchedule cmd, int count) {
    String rrule = Recurrence.rrule(cmd.cadence(), cmd.rrule(), cmd.firstStart());
    return people.organization(me.orgId()).compose(org -> nextDates(rrule, cmd.firstStart(), org.timeZone(), count));
  }

  /** ical4j is CPU work: expanded off the event loop when there is one, as {@link Occurrences} does. */
  static Future<List<java.time.ZonedDateTime>> nextDates(String rrule, LocalDateTime firstStart, java.time.ZoneId zone, int count) {
    java.time.Instant now = java.time.Instant.now();
    java.util.concurrent.Callable<List<java.time.ZonedDateTime>> expand =
        () -> Recurrence.between(rrule, firstStart, zone, now, now.plus(java.time.Duration.ofDays(800)), count);
    io.vertx.core.Context ctx = io.vertx.core.Vertx.currentContext();
    try {
      return ctx == null ? Future.succeededFuture(expand.call()) : ctx.executeBlocking(expand, false);
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  public Future<Integer> graceDays(CurrentUser me) {
    return PairingRepository.graceDays(pool, me.orgId());
  }

  public Future<Integer> setGraceDays(CurrentUser admin, int days) {
    requireAdmin(admin);
    return pool.withTransaction(tx -> PairingRepository.setGraceDays(tx, admin.orgId(), days)
        .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(admin.orgId(), admin.id(), "supervision.settings_changed").with("graceDays", days))))
        .map(days);
  }

  static void requireAdmin(CurrentUser me) {
    if (!me.isAdmin()) {
      throw AppException.forbidden("Only administrators can do this.");
    }
  }

  static void requireActive(Pairings.Pairing p) {
    if (!p.active()) {
      throw AppException.conflict("This pairing has ended.");
    }
  }

  private static void requireRole(Optional<Person> found, Role role, String field) {
    if (found.isEmpty()) {
      throw AppException.invalid(field, "is not anyone in your organization");
    }
    Person p = found.get();
    if (!p.active() || !p.has(role)) {
      throw AppException.invalid(field, "must be an active person with the " + role.dbName() + " role");
    }
  }
}
