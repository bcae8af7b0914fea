package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.calendar.Recurrence;
import io.mooring.platform.http.AppException;
import io.mooring.supervision.Supervision.PairingStatus;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/** Sessions: one occurrence rescheduled, cancelled or marked without touching its series; one-off sessions; what is upcoming. */
public final class SessionService {

  private final Pool pool;
  private final PeopleService people;
  private final PairingService pairings;
  private final SupervisionNotices notices;

  SessionService(Pool pool, PeopleService people, PairingService pairings, SupervisionNotices notices) {
    this.pool = pool;
    this.notices = notices;
    this.people = people;
    this.pairings = pairings;
  }

  /** Either a series occurrence (its original local start) or a one-off start. */
  public record NewSession(LocalDateTime occurrence, OffsetDateTime startsAt, Integer durationMinutes, String modality, String type) {}

  public record SessionChange(OffsetDateTime startsAt, String status, Integer durationMinutes, String modality) {}

  /** Makes a concrete session (idempotent for a series occurrence, so two clicks give one session). */
  public Future<Session> create(CurrentUser me, long pairingId, NewSession cmd) {
    return Future.all(pairings.access(me, pairingId), people.organization(me.orgId()),
        PairingRepository.status(pool, me.orgId(), pairingId)).compose(all -> {
          PairingService.Access a = all.resultAt(0);
          a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.ADMIN);
          PairingService.requireActive(a.pairing());
          ZoneId zone = ((Organization) all.resultAt(1)).timeZone();
          PairingStatus status = ((java.util.Optional<PairingStatus>) all.resultAt(2)).orElseThrow();
          return cmd.occurrence() == null ? oneOff(me, pairingId, cmd, status) : occurrence(me, pairingId, cmd, status, zone);
        });
  }

  private Future<Session> oneOff(CurrentUser me, long pairingId, NewSession cmd, PairingStatus status) {
    if (cmd.startsAt() == null) {
      throw AppException.invalid("startsAt", "is required for a one-off session (or give occurrence)");
    }
    var sch = status.schedule();
    Session s = new Session(0, me.orgId(), pairingId, null, null, cmd.startsAt(),
        cmd.durationMinutes() != null ? cmd.durationMinutes() : sch != null ? sch.durationMinutes() : 60,
        cmd.modality() != null ? cmd.modality() : sch != null ? sch.modality() : "in_person",
        cmd.type() == null ? "individual" : cmd.type(), "scheduled");
    return SessionRepository.insert(pool, s);
  }

  private Future<Session> occurrence(CurrentUser me, long pairingId, NewSession cmd, PairingStatus status, ZoneId zone) {
    var sch = status.schedule();
    if (sch == null) {
      throw AppException.invalid("occurrence", "this pairing has no schedule");
    }
    Instant at = cmd.occurrence().atZone(zone).toInstant();
    boolean inSeries = Recurrence.between(sch.rrule(), sch.firstStart(), zone, at, at.plusSeconds(1), 1).stream()
        .anyMatch(z -> z.toLocalDateTime().equals(cmd.occurrence()));
    if (!inSeries) {
      throw AppException.invalid("occurrence", "is not an occurrence of this pairing's schedule");
    }
    return pool.withTransaction(tx -> SessionRepository.byOccurrence(tx, sch.id(), cmd.occurrence()).compose(found -> {
      if (found.isPresent()) {
        return Future.succeededFuture(found.get());
      }
      Session s = new Session(0, me.orgId(), pairingId, sch.id(), cmd.occurrence(),
          cmd.startsAt() != null ? cmd.startsAt() : cmd.occurrence().atZone(zone).toOffsetDateTime(),
          cmd.durationMinutes() != null ? cmd.durationMinutes() : sch.durationMinutes(),
          cmd.modality() != null ? cmd.modality() : sch.modality(), cmd.type() == null ? "individual" : cmd.type(), "scheduled");
      return SessionRepository.insertOccurrence(tx, s);
    }));
  }

  /**
   * Reschedule, or mark held / missed / cancelled. A session whose record is signed no longer changes;
   * marking a session with a draft missed or cancelled discards the draft (nothing was signed); a
   * session is held only once it has started.
   */
  public Future<Session> change(CurrentUser me, long sessionId, SessionChange cmd) {
    return people.organization(me.orgId()).compose(org -> pool.withTransaction(tx -> lockUnsigned(tx, me, sessionId,
        "The record of this session is signed; the session can no longer change.").compose(u -> {
          Session s = u.session();
          Session next = new Session(s.id(), s.orgId(), s.pairingId(), s.scheduleId(), s.occurrenceStart(),
              cmd.startsAt() == null ? s.startsAt() : cmd.startsAt(),
              cmd.durationMinutes() == null ? s.durationMinutes() : cmd.durationMinutes(),
              cmd.modality() == null ? s.modality() : cmd.modality(), s.type(), cmd.status() == null ? s.status() : cmd.status());
          if (next.status().equals("held")) {
            HeldTime.requireStarted("startsAt", next.startsAt(), org.timeZone(), Instant.now());
          }
          boolean dropDraft = u.hasDraft() && (next.status().equals("missed") || next.status().equals("cancelled"));
          return (dropDraft ? RecordRepository.deleteDraft(tx, sessionId) : Future.<Void>succeededFuture())
              .compose(v -> SessionRepository.update(tx, next))
              .compose(done -> notices.sessionChanged(tx, me.id(), s, next).map(done));
        })));
  }

  /**
   * Discards a session nothing was signed for (a one-off started by mistake, say), with its draft.
   * A series occurrence goes back to being a plain occurrence of its schedule.
   */
  public Future<Void> discard(CurrentUser me, long sessionId) {
    return unsigned(me, sessionId, "The record of this session is signed, so the session stays.",
        tx -> RecordRepository.deleteDraft(tx, sessionId).compose(v -> SessionRepository.delete(tx, sessionId)));
  }

  /** Throws away a draft record (nothing was signed); the session stays as it was before the draft started. */
  public Future<Void> discardDraft(CurrentUser me, long sessionId) {
    return unsigned(me, sessionId, "This record is signed and stays; add an amendment instead.", tx -> RecordRepository.deleteDraft(tx, sessionId));
  }

  /** Runs {@code change} for the session's supervisor (or an administrator) while nothing about the session is signed. */
  private Future<Void> unsigned(CurrentUser me, long sessionId, String signed, Function<SqlClient, Future<Void>> change) {
    return pool.withTransaction(tx -> lockUnsigned(tx, me, sessionId, signed).compose(u -> change.apply(tx)));
  }

  /** A session locked for change, and whether it has a draft record (a signed one refuses the change). */
  private record Unsigned(Session session, boolean hasDraft) {}

  /** Locks the session; only its supervisor or an administrator gets on, and only while its record is unsigned. */
  private Future<Unsigned> lockUnsigned(SqlClient tx, CurrentUser me, long sessionId, String signed) {
    return SessionRepository.byId(tx, me.orgId(), sessionId, true).compose(found -> {
      Session s = found.orElseThrow(() -> AppException.notFound("Session " + sessionId));
      return pairings.access(me, s.pairingId()).compose(a -> {
        a.role().require("Session " + sessionId, PairingRole.SUPERVISOR, PairingRole.ADMIN);
        return RecordRepository.bySession(tx, me.orgId(), sessionId);
      }).map(record -> {
        if (record.isPresent() && !record.get().status().equals("draft")) {
          throw AppException.conflict(signed);
        }
        return new Unsigned(s, record.isPresent());
      });
    });
  }

  /** Session facts (dates, duration, type, status) are metadata: the pair and administrators may read them. */
  public Future<Session> get(CurrentUser me, long sessionId) {
    return SessionRepository.byId(pool, me.orgId(), sessionId, false).compose(found -> {
      Session s = found.orElseThrow(() -> AppException.notFound("Session " + sessionId));
      return pairings.access(me, s.pairingId()).map(a -> {
        a.role().require("Session " + sessionId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE, PairingRole.ADMIN);
        return s;
      });
    });
  }

  public Future<List<Session>> ofPairing(CurrentUser me, long pairingId) {
    return pairings.access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE, PairingRole.ADMIN);
      return SessionRepository.ofPairing(pool, pairingId, 500);
    });
  }

  /** Upcoming meetings of one pairing in [from, to): series occurrences merged with stored sessions. */
  public Future<List<Upcoming.Occurrence>> upcoming(CurrentUser me, long pairingId, Instant from, Instant to) {
    return Future.all(PairingRepository.status(pool, me.orgId(), pairingId), people.organization(me.orgId())).compose(all -> {
      java.util.Optional<PairingStatus> st = all.resultAt(0);
      PairingRole.of(me, st.map(PairingStatus::pairing).orElse(null))
          .require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE, PairingRole.ADMIN);
      ZoneId zone = ((Organization) all.resultAt(1)).timeZone();
      return SessionRepository.upcoming(pool, List.of(pairingId), from.atOffset(java.time.ZoneOffset.UTC),
              LocalDateTime.ofInstant(from, zone).minusDays(1))
          .map(rows -> Upcoming.merge(pairingId, st.get().schedule(), rows, zone, from, to, 200));
    });
  }
}
