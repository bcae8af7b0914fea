package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.DriftSummaries;
import io.mooring.supervision.Supervision.Record;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;

/** What a record's page shows beside the record itself, read in one round of parallel queries. */
final class RecordDetails {
  private RecordDetails() {}

  /** Everything the pair sees next to a record: amendments, open earlier items, agenda, the peer's shared drift summary and open flags. */
  static Future<JsonObject> of(Pool pool, DriftSummaries drift, RoleClarity roleClarity, CurrentUser me, RecordService.Loaded l) {
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
}
