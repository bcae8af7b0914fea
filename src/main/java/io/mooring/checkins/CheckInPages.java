package io.mooring.checkins;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.http.FieldLabels;
import io.mooring.platform.http.Http;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Server-rendered pages: the check-in form and my history, supervisees' trends, the program view. */
public final class CheckInPages {
  private final CheckInService checkins;
  private final PeopleService people;

  CheckInPages(CheckInService checkins, PeopleService people) {
    this.checkins = checkins;
    this.people = people;
  }

  public record HomePage(Shell shell, Instrument instrument, Map<String, String> values, List<String> errors,
                         List<CheckIn> history, TrendChart chart, Due due, List<SuperviseeRow> supervisees) {
    public String value(String name) {
      return values.getOrDefault(name, "");
    }

    public boolean checked(String name) {
      return values.containsKey(name);
    }
  }

  public record SuperviseeRow(long peerId, String name, CheckIn latest, int openFlags, Due due) {}

  public record PersonPage(Shell shell, String name, PersonView view, TrendChart chart) {
    /** Open flags by kind, most frequent first, so a long drift reads as a pattern rather than a wall of chips. */
    public List<Map.Entry<String, Long>> openFlagCounts() {
      Map<String, Long> counts = new LinkedHashMap<>();
      view.openFlags().forEach(f -> counts.merge(f.kind(), 1L, Long::sum));
      return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
    }

    /** Peer and supervisor shares per activity; the peer's column only where the viewer may see the answers. */
    public List<SideBySide> compare(CheckIn c, CheckIn.Rating r) {
      boolean peerVisible = view.own() || c.shareAnswers();
      List<SideBySide> rows = new ArrayList<>();
      for (Instrument.Category cat : Instrument.CURRENT.categories()) {
        for (Instrument.Activity a : cat.activities()) {
          Double peer = peerVisible ? c.shares().getDouble(a.code()) : null;
          Double sup = r.shares().getDouble(a.code());
          if ((peer != null && peer > 0) || (sup != null && sup > 0)) {
            rows.add(new SideBySide(a.label(), peerVisible ? pct(peer) : "not shared", pct(sup)));
          }
        }
      }
      return rows;
    }

    public boolean canRate() {
      return !view.own() && !view.checkIns().isEmpty();
    }

    private static String pct(Double v) {
      return v == null ? "0%" : Math.round(v) + "%";
    }
  }

  public record SideBySide(String activity, String peer, String supervisor) {}

  public record ProgramPage(Shell shell, List<CheckInProgram.TeamSeries> teams, CheckInProgram.Settings settings, int minPeers) {}

  void home(RoutingContext ctx) {
    render(ctx, 200, Map.of("unit", "percent"), List.of());
  }

  void submit(RoutingContext ctx) {
    MultiMap f = ctx.request().formAttributes();
    Map<String, String> values = new LinkedHashMap<>();
    f.forEach(e -> {
      if (!e.getKey().equals("_csrf") && !e.getValue().isBlank()) {
        values.put(e.getKey(), e.getValue().strip());
      }
    });
    NewCheckIn cmd;
    try {
      cmd = CheckInInput.checkIn(FormJson.of(values));
    } catch (AppException e) {
      render(ctx, 400, values, FieldLabels.sentences(e));
      return;
    }
    checkins.create(CurrentUser.of(ctx), cmd).onSuccess(c -> ctx.redirect("/checkins?done=saved")).onFailure(err -> {
      if (err instanceof AppException e && e.code() == ErrorCode.CONFLICT) {
        render(ctx, 409, values, List.of("You already have a check-in for that period."));
      } else {
        ctx.fail(err);
      }
    });
  }

  void changeSharing(RoutingContext ctx) {
    long id = Http.pathId(ctx, "checkInId");
    MultiMap f = ctx.request().formAttributes();
    var sharing = new CheckInInput.Sharing("on".equals(f.get("shareAnswers")), "on".equals(f.get("shareReflection")));
    checkins.changeSharing(CurrentUser.of(ctx), id, sharing).onSuccess(c -> ctx.redirect("/checkins?done=saved")).onFailure(ctx::fail);
  }

  void rate(RoutingContext ctx) {
    long id = Http.pathId(ctx, "checkInId");
    MultiMap f = ctx.request().formAttributes();
    JsonObject activities = new JsonObject();
    f.forEach(e -> {
      if (e.getKey().startsWith("a.") && !e.getValue().isBlank()) {
        activities.put(e.getKey().substring(2), FormJson.number(e.getValue().strip()));
      }
    });
    var rating = CheckInInput.rating(new JsonObject().put("unit", f.get("unit")).put("activities", activities));
    checkins.rate(CurrentUser.of(ctx), id, rating)
        .compose(r -> checkins.peerOf(CurrentUser.of(ctx), id))
        .onSuccess(peerId -> ctx.redirect("/checkins/people/" + peerId + "?done=saved")).onFailure(ctx::fail);
  }

  void person(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long peerId = Http.pathId(ctx, "peerId");
    checkins.person(me, peerId, 26).compose(view -> people.require(me.orgId(), peerId).map(p -> new PersonPage(
            Shell.of(ctx, "Check-ins: " + p.displayName(), "checkins"), p.displayName(), view,
            TrendChart.of("Drift score trend for " + p.displayName(), view.checkIns(), view.threshold()))))
        .onSuccess(page -> Pages.send(ctx, "checkins/person.jte", page)).onFailure(ctx::fail);
  }

  void program(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    Future.all(checkins.program().byTeam(me), checkins.program().settings(me))
        .onSuccess(all -> Pages.send(ctx, "checkins/program.jte", new ProgramPage(Shell.of(ctx, "Check-ins: program", "checkins"),
            all.resultAt(0), all.resultAt(1), CheckInProgram.MIN_PEERS)))
        .onFailure(ctx::fail);
  }

  private void render(RoutingContext ctx, int status, Map<String, String> values, List<String> errors) {
    CurrentUser me = CurrentUser.of(ctx);
    Future<PersonView> mine = me.isPeer() ? checkins.person(me, me.id(), 26) : Future.succeededFuture(null);
    Future.all(mine, supervisees(me)).onSuccess(all -> {
      PersonView v = all.resultAt(0);
      List<CheckIn> history = v == null ? List.of() : v.checkIns();
      TrendChart chart = TrendChart.of("My drift score trend", history, v == null ? 25 : v.threshold());
      Pages.send(ctx, status, "checkins/home.jte", new HomePage(Shell.of(ctx, "Check-ins", "checkins"), Instrument.CURRENT,
          values, errors, history, chart, v == null ? null : v.due(), all.resultAt(1)));
    }).onFailure(ctx::fail);
  }

  /** Each current supervisee with their latest check-in as shared, open flags and due state. */
  private Future<List<SuperviseeRow>> supervisees(CurrentUser me) {
    if (!me.isSupervisor()) {
      return Future.succeededFuture(List.of());
    }
    return checkins.supervisees(me).compose(ids -> people.findMany(me.orgId(), ids).map(list -> Map.entry(ids, list))).compose(both -> {
      List<Long> ids = both.getKey();
      List<Person> list = both.getValue();
      List<Future<PersonView>> views = new ArrayList<>();
      ids.forEach(id -> views.add(checkins.person(me, id, 1)));
      return Future.all(views).map(all -> {
        List<SuperviseeRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          PersonView v = all.resultAt(i);
          rows.add(new SuperviseeRow(list.get(i).id(), list.get(i).displayName(), v.checkIns().isEmpty() ? null : v.checkIns().get(0),
              v.openFlags().size(), v.due()));
        }
        return rows;
      });
    });
  }
}
