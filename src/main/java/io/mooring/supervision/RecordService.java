package io.mooring.supervision;

import io.mooring.people.PeopleService;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.ErrorCode;
import io.mooring.relations.DriftSummaries;
import io.mooring.supervision.Supervision.Record;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  RecordService(Pool pool, PairingService pairings, DriftSummaries drift, SupervisionNotices notices, PeopleService people) {
    this.pool = pool;
    this.notices = notices;
    this.pairings = pairings;
    this.people = people;
    this.drift = drift;
    this.roleClarity = new RoleClarity(drift);
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
      java.time.OffsetDateTime startsAt = HeldTime.draftStart(s.startsAt(), org.timeZone(), java.time.Instant.now());
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

  /** Everything the pair sees next to a record: amendments, open earlier items, agenda, the peer's shared drift summary and open flags. */
  public Future<JsonObject> details(CurrentUser me, Loaded l) {
    Record r = l.record();
    Pairings.Pairing p = l.access().pairing();
    boolean draft = r.status().equals("draft");
    boolean writing = draft && l.access().role() == PairingRole.SUPERVISOR;
    Future<JsonArray> driftNow = writing
        ? drift.latestShared(me, p.superviseeId()).map(o -> new JsonArray().add(o.orElse(null)))
        : Future.succeededFuture(new JsonArray().add(r.content().getJsonObject("roleClarity", new JsonObject()).getValue("driftSummary")));
    Future<List<JsonObject>> flags = writing ? roleClarity.openFlags(me, p.superviseeId()) : Future.succeededFuture(List.of());
    return Future.all(RecordRepository.amendments(pool, r.sessionId()),
            draft ? RecordRepository.openItems(pool, List.of(p.id())) : Future.succeededFuture(List.<Supervision.ActionItem>of()),
            draft ? RecordRepository.pendingAgenda(pool, p.id()) : RecordRepository.sessionAgenda(pool, r.sessionId()), driftNow, flags)
        .map(all -> {
          JsonArray amendments = new JsonArray();
          ((List<Supervision.Amendment>) all.resultAt(0)).forEach(a -> amendments.add(a.toJson()));
          JsonArray open = new JsonArray();
          ((List<Supervision.ActionItem>) all.resultAt(1)).forEach(i -> open.add(i.toJson()));
          JsonArray agenda = new JsonArray();
          ((List<Supervision.AgendaItem>) all.resultAt(2)).forEach(i -> agenda.add(i.toJson()));
          JsonArray hints = new JsonArray();
          RecordContent.hints(r.content()).forEach(h -> hints.add(DashboardService.hintJson(h)));
          return r.toJson().put("session", l.session().toJson()).put("amendments", amendments).put("openItems", open)
              .put("agenda", agenda).put("driftSummary", ((JsonArray) all.resultAt(3)).getValue(0))
              .put("openFlags", new JsonArray(new ArrayList<>((List<JsonObject>) all.resultAt(4)))).put("hints", hints)
              .put("supervisorId", p.supervisorId()).put("superviseeId", p.superviseeId()).put("etag", r.etag());
        });
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

  /**
   * Signs the draft. The discussed drift flags are resolved in check-ins after the record commits
   * (check-ins owns its own transaction); should that fail, the flags simply stay open and come up
   * again in the next session's role-clarity section.
   */
  public Future<Record> finalizeRecord(CurrentUser me, long sessionId, String ifMatch) {
    return load(pool, me, sessionId, false).compose(pre -> {
      writableDraft(pre, sessionId, ifMatch);
      long peer = pre.access().pairing().superviseeId();
      return Future.all(drift.latestShared(me, peer), roleClarity.discussed(me, peer, pre.record().content()));
    }).compose(checked -> people.organization(me.orgId()).compose(org -> pool.withTransaction(tx -> load(tx, me, sessionId, true).compose(l -> {
      java.time.ZoneId zone = org.timeZone();
      Optional<JsonObject> shared = checked.resultAt(0);
      List<JsonObject> discussed = checked.resultAt(1);
      Record r = writableDraft(l, sessionId, ifMatch);
      Pairings.Pairing p = l.access().pairing();
      return Future.all(RecordRepository.openItems(tx, List.of(p.id())), RecordRepository.pendingAgenda(tx, p.id())).compose(all -> {
        List<Supervision.ActionItem> open = all.resultAt(0);
        List<Supervision.AgendaItem> agenda = all.resultAt(1);
        RecordContent.requireComplete(r.content(), open);
        HeldTime.requireStarted("session.startsAt", java.time.OffsetDateTime.parse(r.content().getJsonObject("session").getString("startsAt")),
            zone, java.time.Instant.now());
        JsonArray agendaJson = new JsonArray();
        agenda.forEach(a -> agendaJson.add(new JsonObject().put("id", a.id()).put("text", a.body())));
        JsonArray ids = new JsonArray();
        discussed.forEach(f -> ids.add(f.getLong("id")));
        JsonObject signed = RecordContent.withItemTexts(r.content().copy(), open)
            .put("roleClarity", new JsonObject().put("driftSummary", shared.orElse(null)).put("discussedFlagIds", ids)
                .put("discussedFlags", new JsonArray(new ArrayList<>(discussed))))
            .put("agenda", agendaJson);
        String hash = RecordContent.hash(new JsonObject().put("sessionId", sessionId).put("pairingId", p.id()).put("content", signed));
        return RecordRepository.finalizeDraft(tx, sessionId, r.version(), signed, me.id(), hash)
            .map(o -> o.orElseThrow(ETags::stale))
            .compose(done -> applyDecisions(tx, done, l.session()).map(done))
            .compose(done -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.record_finalized")
                .subject("session", sessionId).with("contentHash", hash)).map(done))
            .compose(done -> notices.recordReady(tx, me.orgId(), l.session()).map(done));
      });
    }))).compose(done -> roleClarity.resolve(me, done.sessionId(), checked.resultAt(1)).map(done)));
  }

  /** Creates the new action items, closes or carries earlier ones, binds the agenda, and writes the session facts back. */
  private Future<Void> applyDecisions(SqlClient tx, Record r, Session s) {
    JsonObject c = r.content();
    List<Tuple> items = new ArrayList<>();
    c.getJsonArray("actionItems").forEach(o -> {
      JsonObject i = (JsonObject) o;
      items.add(Tuple.of(r.pairingId(), r.sessionId(), i.getString("text"), i.getLong("ownerId"), LocalDate.parse(i.getString("dueDate"))));
    });
    Future<Void> chain = RecordRepository.insertItems(tx, items);
    for (Object o : c.getJsonArray("itemDecisions")) {
      JsonObject d = (JsonObject) o;
      chain = chain.compose(v -> RecordRepository.review(tx, r.sessionId(), d.getLong("itemId"), d.getString("decision")));
    }
    JsonObject f = c.getJsonObject("session");
    Session held = new Session(s.id(), s.orgId(), s.pairingId(), s.scheduleId(), s.occurrenceStart(),
        java.time.OffsetDateTime.parse(f.getString("startsAt")), f.getInteger("durationMinutes"), f.getString("modality"),
        f.getString("type"), "held");
    return chain.compose(v -> RecordRepository.bindAgenda(tx, r.pairingId(), r.sessionId()))
        .compose(v -> SessionRepository.update(tx, held)).mapEmpty();
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

  private static Record writableDraft(Loaded l, long sessionId, String ifMatch) {
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

  /** If-Match handling: missing is 428, a different version is 412. */
  static final class ETags {
    private ETags() {}

    static void require(String ifMatch, String current) {
      if (ifMatch == null || ifMatch.isBlank()) {
        throw new AppException(ErrorCode.PRECONDITION_REQUIRED, "Send If-Match with the ETag you read, so edits are not lost.");
      }
      String sent = ifMatch.strip().startsWith("W/") ? ifMatch.strip().substring(2) : ifMatch.strip();
      if (!sent.equals(current)) {
        throw stale();
      }
    }

    static AppException stale() {
      return new AppException(ErrorCode.PRECONDITION_FAILED, "Someone changed this draft since you read it: reload and merge.");
    }
  }
}
