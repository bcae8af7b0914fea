package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.http.Http;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Server-rendered supervision pages; actions go through the JSON API from web/js/supervision.js. */
public final class SupervisionPages {
  private final SupervisionService s;

  SupervisionPages(SupervisionService s) {
    this.s = s;
  }

  public record DashboardPage(Shell shell, Organization org, DashboardService.Overview supervising, DashboardService.Overview mine,
                              List<RecordList.Entry> myRecords, Map<Long, Supervision.Agreement> agreements,
                              Map<Long, List<Supervision.AgendaItem>> agenda) {}

  /** {@code sharedWithMe}: another supervisor reading a record the peer shared (read-only). */
  public record SessionPage(Shell shell, Organization org, Supervision.Session session, String supervisor, String supervisee,
                            boolean isSupervisor, boolean isSupervisee, JsonObject record, List<String> domains, boolean sharedWithMe,
                            List<ShareOption> shareOptions, JsonArray sharedWithYou) {}

  /** One of the supervisee's other current supervisors, and whether this record is shared with them. */
  public record ShareOption(long supervisorId, String name, boolean shared) {}

  public record AdminPage(Shell shell, DashboardService.Overview overview, List<Person> people, int graceDays) {}

  public record HoursPage(Shell shell, HoursService.Hours hours) {}

  void dashboard(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    Future<DashboardService.Overview> sup = me.isSupervisor() ? s.dashboards().forSupervisor(me) : Future.succeededFuture(null);
    Future<DashboardService.Overview> mine = me.isPeer() ? s.dashboards().forSupervisee(me) : Future.succeededFuture(null);
    Future.all(sup, mine, s.people().organization(me.orgId())).compose(all -> {
      DashboardService.Overview m = all.resultAt(1);
      List<Long> ids = m == null ? List.of() : m.rows().stream().map(r -> r.status().id()).toList();
      Map<Long, Supervision.Agreement> agreements = new HashMap<>();
      Map<Long, List<Supervision.AgendaItem>> agenda = new HashMap<>();
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> s.pairings().agreements(me, id).map(list -> {
          if (!list.isEmpty()) {
            agreements.put(id, list.get(0));
          }
          return null;
        })).compose(v -> s.records().pendingAgenda(me, id).map(list -> {
          agenda.put(id, list);
          return null;
        }));
      }
      Future<RecordList.Lists> records = m == null ? Future.succeededFuture(null) : s.recordList().of(me, "all", 5);
      return chain.compose(v -> records).map(lists -> new DashboardPage(Shell.of(ctx, "Supervision", "supervision"), all.resultAt(2),
          all.resultAt(0), m, lists == null ? List.of() : lists.asSupervisee(), agreements, agenda));
    }).onSuccess(page -> Pages.send(ctx, "supervision/dashboard.jte", page)).onFailure(ctx::fail);
  }

  void session(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "sessionId");
    s.sessions().get(me, id).compose(session -> s.pairings().access(me, session.pairingId()).compose(a -> {
      if (!a.role().inPair()) {
        throw AppException.notFound("Session " + id);
      }
      Future<JsonObject> record = s.records().get(me, id).compose(l -> s.records().details(me, l))
          .recover(err -> notFound(err) ? Future.succeededFuture(null) : Future.failedFuture(err));
      return Future.all(record, s.people().organization(me.orgId()), names(me, a.pairing())).compose(all -> {
        JsonObject r = all.resultAt(0);
        boolean signed = r != null && !"draft".equals(r.getString("status"));
        Future<List<ShareOption>> options = a.role() == PairingRole.SUPERVISEE && signed ? shareOptions(me, id, a.pairing())
            : Future.succeededFuture(List.of());
        String[] n = all.resultAt(2);
        // The supervisor sees what the supervisee chose to share with them (work adjustments, say); every item shown is logged.
        Future<JsonArray> shared = a.role() == PairingRole.SUPERVISOR
            ? s.disclosure().visibleProfiles(me, List.of(a.pairing().superviseeId()), "supervision_page")
                .map(m -> m.getOrDefault(a.pairing().superviseeId(), new JsonArray()))
            : Future.succeededFuture(new JsonArray());
        return Future.all(options, shared).map(both -> new SessionPage(Shell.of(ctx, "Supervision session", "supervision"), all.resultAt(1),
            session, n[0], n[1], a.role() == PairingRole.SUPERVISOR, a.role() == PairingRole.SUPERVISEE, r, RecordContent.DOMAINS, false,
            both.resultAt(0), both.resultAt(1)));
      });
    })).recover(err -> notFound(err) ? shared(ctx, me, id) : Future.failedFuture(err))
        .onSuccess(page -> Pages.send(ctx, "supervision/session.jte", page)).onFailure(ctx::fail);
  }

  /** A signed record the peer shared with this supervisor: read-only, no amendments, no acknowledgement. */
  private Future<SessionPage> shared(RoutingContext ctx, CurrentUser me, long id) {
    return s.records().get(me, id).compose(l -> {
      if (l.access().role() != PairingRole.SHARED) {
        throw AppException.notFound("Session " + id);
      }
      return Future.all(s.records().details(me, l), s.people().organization(me.orgId()), names(me, l.access().pairing()))
          .map(all -> {
            String[] n = all.resultAt(2);
            return new SessionPage(Shell.of(ctx, "Shared supervision record", "supervision"), all.resultAt(1), l.session(), n[0], n[1],
                false, false, all.resultAt(0), RecordContent.DOMAINS, true, List.of(), new JsonArray());
          });
    });
  }

  private Future<List<ShareOption>> shareOptions(CurrentUser me, long sessionId, Pairings.Pairing p) {
    return Future.all(s.pairings().list(me, false), s.sharing().list(me, sessionId), s.people().everyone(me.orgId())).map(all -> {
      List<Supervision.PairingStatus> pairings = all.resultAt(0);
      List<ShareRepository.Share> shares = all.resultAt(1);
      Map<Long, String> names = new HashMap<>();
      ((List<Person>) all.resultAt(2)).forEach(x -> names.put(x.id(), x.displayName()));
      return pairings.stream().map(Supervision.PairingStatus::pairing)
          .filter(x -> x.superviseeId() == me.id() && x.supervisorId() != p.supervisorId())
          .map(Pairings.Pairing::supervisorId).distinct()
          .map(sid -> new ShareOption(sid, names.getOrDefault(sid, "?"), shares.stream().anyMatch(sh -> sh.supervisorId() == sid)))
          .toList();
    });
  }

  private static boolean notFound(Throwable err) {
    return err instanceof AppException e && e.code() == ErrorCode.NOT_FOUND;
  }

  void admin(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    Future.all(s.dashboards().forAdmin(me, true), s.people().everyone(me.orgId()), s.pairings().graceDays(me))
        .onSuccess(all -> Pages.send(ctx, "supervision/admin.jte", new AdminPage(Shell.of(ctx, "Supervision pairings", "pairings"),
            all.resultAt(0), all.resultAt(1), all.resultAt(2))))
        .onFailure(ctx::fail);
  }

  void hours(RoutingContext ctx) {
    s.hours().hours(CurrentUser.of(ctx), Http.pathId(ctx, "userId"))
        .onSuccess(h -> Pages.send(ctx, "supervision/hours.jte", new HoursPage(Shell.of(ctx, "Supervision hours", "supervision"), h)))
        .onFailure(ctx::fail);
  }

  private Future<String[]> names(CurrentUser me, Pairings.Pairing p) {
    return s.people().everyone(me.orgId()).map(list -> {
      String[] out = {"", ""};
      list.forEach(x -> {
        if (x.id() == p.supervisorId()) {
          out[0] = x.displayName();
        }
        if (x.id() == p.superviseeId()) {
          out[1] = x.displayName();
        }
      });
      return out;
    });
  }
}
