package io.mooring.supervision;

import io.mooring.people.PeopleService;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.DateTimes;
import io.mooring.relations.DriftSummaries;
import io.mooring.supervision.Supervision.Record;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The structured record of a held session: draft (ETag/If-Match) → finalized (supervisor signs,
 * content hashed, immutable) → acknowledged (supervisee signs). Afterwards only amendments append.
 */
public final class RecordService {
  private final Pool pool;
  private final PairingService pairings;
  private final DriftSummaries drift;
  private final RoleClarity roleClarity;
  private final SupervisionNotices notices;
  private final PeopleService people;
  private final RecordSigning signing;

  RecordService(Pool pool, PairingService pairings, DriftSummaries drift, SupervisionNotices notices, PeopleService people) {
    this.pool = pool;
    this.notices = notices;
    this.pairings = pairings;
    this.people = people;
    this.drift = drift;
    this.roleClarity = new RoleClarity(drift);
    this.signing = new RecordSigning(pool, this, drift, roleClarity, notices, people);
  }

  /** A record with the pairing role it was read under; the view decides how much of it is shown. */
  public record Loaded(Record record, Session session, PairingService.Access access) {}

  /**
   * Starts the draft of a session's record. The session is not held yet: it is held when the record
   * is signed (or the supervisor marks it held), so a draft that is discarded never counts as hours.
   */
  public Future<Record> start(CurrentUser me, long sessionId) {
    return people.organization(me.orgId()).compose(org -> pool.withTransaction(tx -> load(tx, me, sessionId, true).compose(l -> {
      l.access().role().require("Session " + sessionId, PairingRole.SUPERVISOR);
      Session s = l.session();
      if (s.status().equals("cancelled") || s.status().equals("missed")) {
        throw AppException.conflict("This session was marked " + s.status() + "; change it back to scheduled to hold it.");
      }
      if (l.record() != null) {
        throw AppException.conflict("This session already has a record.");
      }
      OffsetDateTime startsAt = HeldTime.draftStart(s.startsAt(), org.timeZone(), Instant.now());
      JsonObject facts = new JsonObject().put("type", s.type()).put("modality", s.modality())
          .put("startsAt", DateTimes.text(startsAt)).put("durationMinutes", s.durationMinutes());
      return RecordRepository.insert(tx, sessionId, s.pairingId(), me.orgId(), RecordContent.empty(facts));
    })));
  }

  /**
   * The record as this person may see it: the pair everything, a supervisor the peer shared a signed
   * record with everything read-only, an administrator metadata, anyone else nothing (404).
   */
  public Future<Loaded> get(CurrentUser me, long sessionId) {
    return load(pool, me, sessionId, false).compose(l -> {
      PairingRole rel = l.access().role();
      if ((rel == PairingRole.NONE || rel == PairingRole.ADMIN) && l.record() != null && me.isSupervisor()) {
        return ShareRepository.canRead(pool, me.orgId(), sessionId, me.id()).map(shared -> shared
            ? new Loaded(l.record(), l.session(), new PairingService.Access(l.access().pairing(), PairingRole.SHARED)) : readable(l, sessionId));
      }
      return Future.succeededFuture(readable(l, sessionId));
    });
  }

  private static Loaded readable(Loaded l, long sessionId) {
    l.access().role().require("Record of session " + sessionId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE, PairingRole.ADMIN);
    if (l.record() == null) {
      throw AppException.notFound("Record of session " + sessionId);
    }
    return l;
  }

  /** Everything the pair sees next to a record; see {@link RecordDetails}. */
  public Future<JsonObject> details(CurrentUser me, Loaded l) {
    return RecordDetails.of(pool, drift, roleClarity, me, l);
  }

  public Future<Record> update(CurrentUser me, long sessionId, JsonObject content, String ifMatch) {
    // Flags are checked before the transaction: check-ins answers on its own connection.
    return load(pool, me, sessionId, false).compose(pre -> {
      writableDraft(pre, sessionId, ifMatch);
      return roleClarity.discussed(me, pre.access().pairing().superviseeId(), content);
    }).compose(flags -> pool.withTransaction(tx -> load(tx, me, sessionId, true).compose(l -> {
      Record r = writableDraft(l, sessionId, ifMatch);
      requireOwnersInPair(content, l.access().pairing());
      return RecordRepository.updateDraft(tx, sessionId, r.version(), content).map(o -> o.orElseThrow(ETags::stale));
    })));
  }

  /** Signs the draft; see {@link RecordSigning}. */
  public Future<Record> finalizeRecord(CurrentUser me, long sessionId, String ifMatch) {
    return signing.sign(me, sessionId, ifMatch);
  }

  public Future<Record> acknowledge(CurrentUser me, long sessionId, String comment) {
    return pool.withTransaction(tx -> load(tx, me, sessionId, true).compose(l -> {
      l.access().role().require("Record of session " + sessionId, PairingRole.SUPERVISEE);
      if (l.record() == null) {
        throw AppException.notFound("Record of session " + sessionId);
      }
      return RecordRepository.acknowledge(tx, sessionId, me.id(), comment)
          .map(o -> o.orElseThrow(() -> AppException.conflict("Only a finalized, not yet acknowledged record can be acknowledged.")))
          .compose(done -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.record_acknowledged")
              .subject("session", sessionId)).map(done))
          .compose(done -> notices.recordAcknowledged(tx, me.orgId(), l.session()).map(done));
    }));
  }

  public Future<Supervision.Amendment> amend(CurrentUser me, long sessionId, String text) {
    return pool.withTransaction(tx -> load(tx, me, sessionId, true).compose(l -> {
      l.access().role().require("Record of session " + sessionId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE);
      if (l.record() == null) {
        throw AppException.notFound("Record of session " + sessionId);
      }
      if (l.record().status().equals("draft")) {
        throw AppException.conflict("A draft is edited, not amended.");
      }
      return RecordRepository.amend(tx, sessionId, me.id(), text)
          .compose(a -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.record_amended")
              .subject("session", sessionId).with("amendmentId", a.id())).map(a));
    }));
  }

  /** The peer adds their own agenda items before a session; the next signed record takes them up. */
  public Future<Supervision.AgendaItem> addAgenda(CurrentUser me, long pairingId, String text) {
    return pairings.access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISEE);
      PairingService.requireActive(a.pairing());
      return RecordRepository.addAgenda(pool, pairingId, me.id(), text);
    });
  }

  public Future<List<Supervision.AgendaItem>> pendingAgenda(CurrentUser me, long pairingId) {
    return pairings.access(me, pairingId).compose(a -> {
      a.role().require("Pairing " + pairingId, PairingRole.SUPERVISOR, PairingRole.SUPERVISEE);
      return RecordRepository.pendingAgenda(pool, pairingId);
    });
  }

  Future<Loaded> load(SqlClient db, CurrentUser me, long sessionId, boolean lock) {
    return SessionRepository.byId(db, me.orgId(), sessionId, lock).compose(found -> {
      Session s = found.orElseThrow(() -> AppException.notFound("Session " + sessionId));
      return Future.all(pairings.access(me, s.pairingId()), RecordRepository.bySession(db, me.orgId(), sessionId))
          .map(all -> new Loaded(((Optional<Record>) all.resultAt(1)).orElse(null), s, all.resultAt(0)));
    });
  }

  static Record writableDraft(Loaded l, long sessionId, String ifMatch) {
    l.access().role().require("Record of session " + sessionId, PairingRole.SUPERVISOR);
    Record r = l.record();
    if (r == null) {
      throw AppException.notFound("Record of session " + sessionId);
    }
    if (!r.status().equals("draft")) {
      throw AppException.conflict("This record is signed and can no longer change; add an amendment instead.");
    }
    ETags.require(ifMatch, r.etag());
    return r;
  }

  private static void requireOwnersInPair(JsonObject content, Pairings.Pairing p) {
    JsonArray items = content.getJsonArray("actionItems");
    for (int i = 0; i < items.size(); i++) {
      long owner = items.getJsonObject(i).getLong("ownerId");
      if (owner != p.supervisorId() && owner != p.superviseeId()) {
        throw AppException.invalid("actionItems[" + i + "].ownerId", "must be the supervisor or the supervisee");
      }
    }
  }
}
