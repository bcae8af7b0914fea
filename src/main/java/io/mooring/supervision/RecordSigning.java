package io.mooring.supervision;

import io.mooring.people.PeopleService;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.DriftSummaries;
import io.mooring.supervision.Supervision.Record;
import io.mooring.supervision.Supervision.Session;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signing a draft record: completeness, the content hash, the decisions it records (new action items,
 * earlier items closed or carried, the agenda bound, the session marked held), audit and notices.
 */
final class RecordSigning {
  private final Pool pool;
  private final RecordService records;
  private final DriftSummaries drift;
  private final RoleClarity roleClarity;
  private final SupervisionNotices notices;
  private final PeopleService people;

  RecordSigning(Pool pool, RecordService records, DriftSummaries drift, RoleClarity roleClarity, SupervisionNotices notices,
                PeopleService people) {
    this.pool = pool;
    this.records = records;
    this.drift = drift;
    this.roleClarity = roleClarity;
    this.notices = notices;
    this.people = people;
  }

  /**
   * Signs the draft. The discussed drift flags are resolved in check-ins after the record commits
   * (check-ins owns its own transaction); should that fail, the flags simply stay open and come up
   * again in the next session's role-clarity section.
   */
  Future<Record> sign(CurrentUser me, long sessionId, String ifMatch) {
    return records.load(pool, me, sessionId, false).compose(pre -> {
      RecordService.writableDraft(pre, sessionId, ifMatch);
      long peer = pre.access().pairing().superviseeId();
      return Future.all(drift.latestShared(me, peer), roleClarity.discussed(me, peer, pre.record().content()));
    }).compose(checked -> people.organization(me.orgId()).compose(org -> pool.withTransaction(tx -> records.load(tx, me, sessionId, true).compose(l -> {
      ZoneId zone = org.timeZone();
      Optional<JsonObject> shared = checked.resultAt(0);
      List<JsonObject> discussed = checked.resultAt(1);
      Record r = RecordService.writableDraft(l, sessionId, ifMatch);
      Pairings.Pairing p = l.access().pairing();
      return Future.all(RecordRepository.openItems(tx, List.of(p.id())), RecordRepository.pendingAgenda(tx, p.id())).compose(all -> {
        List<Supervision.ActionItem> open = all.resultAt(0);
        List<Supervision.AgendaItem> agenda = all.resultAt(1);
        RecordContent.requireComplete(r.content(), open);
        HeldTime.requireStarted("session.startsAt", OffsetDateTime.parse(r.content().getJsonObject("session").getString("startsAt")),
            zone, Instant.now());
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
        OffsetDateTime.parse(f.getString("startsAt")), f.getInteger("durationMinutes"), f.getString("modality"),
        f.getString("type"), "held");
    return chain.compose(v -> RecordRepository.bindAgenda(tx, r.pairingId(), r.sessionId()))
        .compose(v -> SessionRepository.update(tx, held)).mapEmpty();
  }
}
