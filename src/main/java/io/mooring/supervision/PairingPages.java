package io.mooring.supervision;

import io.mooring.people.Organization;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.mooring.platform.web.Times;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** The pages that set a pairing up (schedule, agreement) and that find past records. */
public final class PairingPages {
  private final SupervisionService s;

  PairingPages(SupervisionService s) {
    this.s = s;
  }

  /** {@code nextDates}: the schedule's next meetings in words; {@code agreement} null until one is written. */
  public record PairingPage(Shell shell, Organization org, Supervision.PairingStatus status, String supervisor, String supervisee,
                            List<String> nextDates, Supervision.Agreement agreement, boolean admin) {}

  public record RecordsPage(Shell shell, Organization org, String period, RecordList.Lists lists) {}

  void pairing(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "pairingId");
    s.pairings().status(me, id).compose(st -> Future.all(s.people().organization(me.orgId()),
            s.people().findMany(me.orgId(), List.of(st.pairing().supervisorId(), st.pairing().superviseeId())),
            s.pairings().agreements(me, id))
        .compose(all -> nextDates(st, all.resultAt(0)).map(dates -> {
          Organization org = all.resultAt(0);
          List<Person> people = all.resultAt(1);
          List<Supervision.Agreement> agreements = all.resultAt(2);
          return new PairingPage(Shell.of(ctx, "Supervision pairing", me.isAdmin() ? "pairings" : "supervision"), org, st,
              name(people, st.pairing().supervisorId()), name(people, st.pairing().superviseeId()), dates,
              agreements.isEmpty() ? null : agreements.get(0), me.isAdmin());
        })))
        .onSuccess(page -> Pages.send(ctx, "supervision/pairing.jte", page)).onFailure(ctx::fail);
  }

  void records(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    String period = RecordList.PERIODS.containsKey(ctx.request().getParam("period")) ? ctx.request().getParam("period") : "12m";
    Future.all(s.people().organization(me.orgId()), s.recordList().of(me, period, RecordList.LIMIT))
        .onSuccess(all -> Pages.send(ctx, "supervision/records.jte",
            new RecordsPage(Shell.of(ctx, "Supervision records", "supervision"), all.resultAt(0), period, all.resultAt(1))))
        .onFailure(ctx::fail);
  }

  private static Future<List<String>> nextDates(Supervision.PairingStatus st, Organization org) {
    var sch = st.schedule();
    if (sch == null || !st.pairing().active()) {
      return Future.succeededFuture(List.of());
    }
    return PairingService.nextDates(sch.rrule(), sch.firstStart(), org.timeZone(), 6)
        .map(list -> list.stream().map(z -> Times.when(org.timeZone(), z.toOffsetDateTime())).toList());
  }

  private static String name(List<Person> people, long id) {
    return people.stream().filter(p -> p.id() == id).map(Person::displayName).findFirst().orElse("?");
  }
}
