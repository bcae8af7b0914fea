package io.mooring.supervision;

import io.mooring.people.DemoOrg;
import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.calendar.Recurrence;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Demo history for every demo pairing, written through the real services: agreements, a schedule,
 * about four months of sessions with signed records, a few missed or cancelled, action items
 * carried from session to session, and two pairings left overdue.
 */
public final class SupervisionDemo {
  private static final String[][] STRENGTHS = {
      {"Shares lived experience with purpose", "Told her own story of losing housing so a guest at intake felt less alone"},
      {"Steady under pressure", "Stayed calm and curious when a caller was shouting, and let him set the pace"},
      {"Advocates for choice", "Spoke up in the team huddle so Mr. J could choose his own discharge date"},
      {"Teaches rather than does", "Walked a member through the bus app instead of booking the ride for him"}};
  private static final String[] WINS = {"Led the Tuesday wellness group", "Finished the WRAP facilitator module",
      "A member she supports got his first apartment", "Set a boundary about driving the van"};
  private static final String[] GOALS = {"Advocacy", "Foundations of Peer Support", "Professional and Ethical Responsibilities",
      "Mentoring, Shared Learning and Relationship Building"};
  private static final String[] ITEMS = {"Ask the program manager about van duty", "Draft a one-page peer role description for the team",
      "Book the ethics refresher training", "Try the recovery-story outline with one member"};

  private SupervisionDemo() {}

  public static Future<Void> load(Pool pool, SupervisionService sv, PeopleService people, DemoOrg org) {
    return Future.all(PairingRepository.byOrg(pool, org.orgId(), false), people.organization(org.orgId())).compose(all -> {
      List<Supervision.PairingStatus> pairings = all.resultAt(0);
      ZoneId zone = ((Organization) all.resultAt(1)).timeZone();
      Future<Void> chain = Future.succeededFuture();
      for (int i = 0; i < pairings.size(); i++) {
        int n = i;
        Pairings.Pairing p = pairings.get(i).pairing();
        chain = chain.compose(v -> pairing(pool, sv, org, p, n, zone));
      }
      return chain;
    });
  }

  private static Future<Void> pairing(Pool pool, SupervisionService sv, DemoOrg org, Pairings.Pairing p, int n, ZoneId zone) {
    CurrentUser sup = user(person(org, p.supervisorId()));
    CurrentUser peer = user(person(org, p.superviseeId()));
    boolean clinical = p.type().equals("clinical");
    boolean overdue = n % 4 == 2;
    // A weekday (Tuesday to Thursday), so the demo never depends on which day of the week it is loaded.
    LocalDateTime first = LocalDate.now(zone).minusDays(120)
        .with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY)).plusDays(n % 3).atTime(9 + n % 7, 0);
    var agreement = new PairingService.NewAgreement(clinical ? "Every two weeks, 60 minutes" : "Weekly, 45 minutes",
        "What we discuss stays between us, except where someone's safety is at risk; records are shared only with you.",
        "You bring your agenda; I bring specific, strength-based feedback. Either of us can ask for an extra session.");
    return sv.pairings().setAgreement(org.admin(), p.id(), agreement)
        .compose(a -> sv.pairings().acknowledgeAgreement(sup, p.id(), a.version()))
        .compose(a -> n % 3 == 0 ? Future.succeededFuture(a) : sv.pairings().acknowledgeAgreement(peer, p.id(), a.version()))
        .compose(a -> sv.pairings().setSchedule(sup, p.id(), new PairingService.NewSchedule(clinical ? "biweekly" : "weekly", null,
            first, clinical ? 60 : 45, n % 2 == 0 ? "in_person" : "video")))
        .compose(schedule -> history(pool, sv, sup, peer, p, schedule, zone, overdue));
  }

  private static Future<Void> history(Pool pool, SupervisionService sv, CurrentUser sup, CurrentUser peer, Pairings.Pairing p,
                                      Supervision.Schedule schedule, ZoneId zone, boolean overdue) {
    // Up to an hour ago for a pairing on track, so its latest session is held whatever the time of day.
    Instant until = Instant.now().minusSeconds(overdue ? 40L * 86400 : 3600);
    List<ZonedDateTime> past = Recurrence.between(schedule.rrule(), schedule.firstStart(), zone,
        schedule.firstStart().atZone(zone).toInstant(), until, 200);
    Future<Void> chain = Future.succeededFuture();
    for (int k = 0; k < past.size(); k++) {
      int idx = k;
      boolean last = k == past.size() - 1;
      LocalDateTime occurrence = past.get(k).toLocalDateTime();
      chain = chain.compose(v -> sv.sessions().create(sup, p.id(), new SessionService.NewSession(occurrence, null, null, null, null)))
          .compose(session -> {
            if (idx % 6 == 4 && idx < past.size() - 2) {
              return sv.sessions().change(sup, session.id(), new SessionService.SessionChange(null, idx % 12 == 4 ? "missed" : "cancelled",
                  null, null)).mapEmpty();
            }
            return record(pool, sv, sup, peer, p, session, idx, last);
          });
    }
    return chain.compose(v -> sv.records().addAgenda(peer, p.id(), "How do I answer when the team asks me to do a wellness check?"))
        .mapEmpty();
  }

  private static Future<Void> record(Pool pool, SupervisionService sv, CurrentUser sup, CurrentUser peer, Pairings.Pairing p,
                                     Supervision.Session session, int idx, boolean last) {
    return sv.records().start(sup, session.id())
        .compose(draft -> RecordRepository.openItems(pool, List.of(p.id())).compose(open -> {
          JsonArray decisions = new JsonArray();
          // Items are carried once, then done — except in the latest session, which carries everything forward.
          open.forEach(i -> decisions.add(new JsonObject().put("itemId", i.id())
              .put("decision", last || i.originSessionId() == previousOrigin(open, i) ? "carried" : "done")));
          String[] st = STRENGTHS[idx % STRENGTHS.length];
          JsonObject body = new JsonObject().put("session", draft.content().getJsonObject("session"))
              .put("strengths", new JsonArray().add(new JsonObject().put("text", st[0]).put("example", st[1])))
              .put("wins", new JsonArray().add(WINS[idx % WINS.length]))
              .put("growthGoals", new JsonArray().add(new JsonObject().put("text", "Keep growing in " + GOALS[idx % GOALS.length].toLowerCase())
                  .put("domain", GOALS[idx % GOALS.length])))
              .put("roleClarityNotes", idx % 3 == 0 ? "Asked again to drive the van and file charts; we practised how to say no and why." : "Role felt clear this week.")
              .put("challenges", idx % 4 == 1 ? "Some staff still call members by diagnosis; talked through how to model person-first language." : "")
              .put("actionItems", idx % 2 == 0 ? new JsonArray().add(new JsonObject().put("text", ITEMS[idx / 2 % ITEMS.length])
                  .put("ownerId", idx % 4 == 0 ? peer.id() : sup.id()).put("dueDate", session.startsAt().toLocalDate().plusDays(10).toString()))
                  : new JsonArray())
              .put("itemDecisions", decisions);
          JsonObject content = RecordDraft.parse(body);
          return sv.records().update(sup, session.id(), content, draft.etag());
        }))
        .compose(saved -> sv.records().finalizeRecord(sup, session.id(), saved.etag()))
        .compose(signed -> last ? Future.succeededFuture()
            : sv.records().acknowledge(peer, session.id(), idx % 5 == 0 ? "Thank you — this helped." : null).mapEmpty());
  }

  /** An item made in the session just before is carried once; older ones get done. */
  private static long previousOrigin(List<Supervision.ActionItem> open, Supervision.ActionItem item) {
    return open.stream().mapToLong(Supervision.ActionItem::originSessionId).max().orElse(-1);
  }

  private static Person person(DemoOrg org, long id) {
    return org.people().values().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
  }

  private static CurrentUser user(Person p) {
    return new CurrentUser(p.id(), p.orgId(), p.email(), p.displayName(), p.roles(), null, null);
  }
}
