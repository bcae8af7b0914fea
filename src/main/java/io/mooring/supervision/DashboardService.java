package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.http.FieldLabels;
import io.mooring.relations.DriftSummaries;
import io.mooring.supervision.Supervision.PairingStatus;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The three overviews: a supervisor's supervisees, a peer's own supervision, the administrator's
 * pairings and overdue list. Each is a fixed number of set-based queries, whatever the history size,
 * and no recurrence expansion per request: the next meeting comes from stored occurrences ({@link Occurrences}).
 */
public final class DashboardService {
  private final Pool pool;
  private final PeopleService people;
  private final DriftSummaries drift;
  private final Occurrences occurrences;
  private final DashboardCache cache;

  DashboardService(Pool pool, PeopleService people, DriftSummaries drift) {
    this.pool = pool;
    this.people = people;
    this.drift = drift;
    this.occurrences = new Occurrences(pool);
    this.cache = new DashboardCache(pool);
  }

  /** Pairings with names, next meeting and open items, ready for JSON or a page. */
  public record Overview(Organization org, List<Row> rows, Map<Long, List<JsonObject>> flags) {}

  public record Row(PairingStatus status, Person supervisor, Person supervisee, Upcoming.Occurrence next,
                    List<Supervision.ActionItem> openItems) {
    public JsonObject toJson(boolean withItems) {
      var p = status.pairing();
      JsonObject o = new JsonObject().put("pairingId", p.id()).put("type", p.type()).put("credential", p.credential())
          .put("supervisor", person(supervisor)).put("supervisee", person(supervisee)).put("active", p.active())
          .put("lastHeld", Supervision.str(status.lastHeld())).put("overdue", status.overdue())
          .put("nextSession", next == null ? null : next.toJson()).put("openActionItems", status.openItems())
          .put("schedule", status.schedule() == null ? null : status.schedule().toJson())
          .put("agreement", status.agreementJson());
      if (withItems) {
        JsonArray items = new JsonArray();
        openItems.forEach(i -> items.add(i.toJson()));
        o.put("openItems", items);
      }
      return o;
    }
  }

  /** My supervisees as a supervisor (for pages); see {@link DashboardCache} for why it may be remembered. */
  public Future<Overview> forSupervisor(CurrentUser me) {
    return supervisorEntry(me).map(DashboardCache.Entry::overview);
  }

  /** The same, as the JSON the API answers with, encoded once per change. */
  public Future<Buffer> supervisorJson(CurrentUser me) {
    return supervisorEntry(me).map(DashboardCache.Entry::body);
  }

  private Future<DashboardCache.Entry> supervisorEntry(CurrentUser me) {
    return cache.get(me.id(), () -> PairingRepository.bySupervisor(pool, me.orgId(), me.id())
        .compose(list -> overview(me, list, true, true)), DashboardService::encodeForSupervisor);
  }

  /**
   * The supervisor's own view, without what is the same on every row (the supervisor, "active") or
   * restated inside it (pairing ids in each item and occurrence): the body is a third smaller.
   */
  private static byte[] encodeForSupervisor(Overview o) {
    JsonArray out = new JsonArray();
    for (Row r : o.rows()) {
      PairingStatus st = r.status();
      JsonArray items = new JsonArray();
      r.openItems().forEach(i -> items.add(new JsonObject().put("id", i.id()).put("text", i.body()).put("ownerId", i.ownerId())
          .put("dueDate", i.dueDate() == null ? null : i.dueDate().toString())));
      out.add(new JsonObject().put("pairingId", st.id()).put("type", st.pairing().type()).put("credential", st.pairing().credential())
          .put("supervisee", person(r.supervisee())).put("lastHeld", Supervision.str(st.lastHeld())).put("overdue", st.overdue())
          .put("cadenceDays", st.schedule() == null ? null : st.schedule().cadenceDays())
          .put("nextSession", r.next() == null ? null : new JsonObject().put("sessionId", r.next().sessionId())
              .put("startsAt", DateTimes.text(r.next().startsAt())).put("durationMinutes", r.next().durationMinutes())
              .put("modality", r.next().modality()))
          .put("agreement", st.agreementJson())
          .put("openActionItems", st.openItems()).put("openItems", items)
          .put("driftFlags", new JsonArray(o.flags().getOrDefault(st.pairing().superviseeId(), List.of()))));
    }
    return new JsonObject().put("supervisees", out).put("overdue", o.rows().stream().filter(r -> r.status().overdue()).count())
        .toBuffer().getBytes();
  }

  public Future<Overview> forSupervisee(CurrentUser me) {
    return PairingRepository.bySupervisee(pool, me.orgId(), me.id()).compose(list -> overview(me, list, true, false));
  }

  /** Administrators: metadata only (names, type, dates, overdue), never action item text. */
  public Future<Overview> forAdmin(CurrentUser admin, boolean includeEnded) {
    PairingService.requireAdmin(admin);
    return PairingRepository.byOrg(pool, admin.orgId(), includeEnded).compose(list -> overview(admin, list, false, false));
  }

  private Future<Overview> overview(CurrentUser me, List<PairingStatus> list, boolean items, boolean flags) {
    List<Long> ids = list.stream().map(PairingStatus::id).toList();
    Instant now = Instant.now();
    return people.organization(me.orgId()).compose(org -> Future.all(
        occurrences.next(list, org.timeZone(), now),
        people.findMany(me.orgId(), list.stream().flatMap(s -> java.util.stream.Stream.of(s.pairing().supervisorId(),
            s.pairing().superviseeId())).distinct().toList()),
        items ? RecordRepository.openItems(pool, ids) : Future.succeededFuture(List.<Supervision.ActionItem>of()),
        flags ? drift.openFlags(me, list.stream().map(s -> s.pairing().superviseeId()).distinct().toList())
            : Future.succeededFuture(Map.<Long, List<JsonObject>>of())).map(all -> {
              Map<Long, Upcoming.Occurrence> next = all.resultAt(0);
              Map<Long, Person> byId = new HashMap<>();
              ((List<Person>) all.resultAt(1)).forEach(p -> byId.put(p.id(), p));
              Map<Long, List<Supervision.ActionItem>> itemsBy = new HashMap<>();
              ((List<Supervision.ActionItem>) all.resultAt(2)).forEach(i -> itemsBy.computeIfAbsent(i.pairingId(), k -> new ArrayList<>()).add(i));
              List<Row> rows = new ArrayList<>();
              for (PairingStatus s : list) {
                rows.add(new Row(s, byId.get(s.pairing().supervisorId()), byId.get(s.pairing().superviseeId()), next.get(s.id()),
                    itemsBy.getOrDefault(s.id(), List.of())));
              }
              return new Overview(org, rows, all.resultAt(3));
            }));
  }

  static JsonObject person(Person p) {
    return p == null ? null : new JsonObject().put("id", p.id()).put("displayName", p.displayName());
  }

  static JsonObject hintJson(LanguageHints.Hint h) {
    return new JsonObject().put("field", h.field()).put("where", FieldLabels.of(h.field())).put("term", h.term()).put("start", h.start()).put("end", h.end())
        .put("suggestion", h.suggestion());
  }
}
