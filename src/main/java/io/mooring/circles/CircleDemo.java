package io.mooring.circles;

import io.mooring.people.DemoOrg;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.calendar.Recurrence;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/** Two circles with facilitators and a few weeks of conversation, backdated. */
public final class CircleDemo {
  private static final String MESSAGE = """
      insert into circle_messages (circle_id, seq, author_id, client_msg_id, body, created_at)
      values ($1, $2, $3, $4, $5, now() - make_interval(hours => $6))""";

  private CircleDemo() {}

  /** Script lines: author handle, text. Spread over the last three weeks, oldest first. */
  static final List<String[]> OUTREACH = List.of(
      new String[] {"rivera", "Welcome, everyone. This is our space for the outreach team's peers. Same ground rules as always."},
      new String[] {"sam", "Thanks Dana. Rough week: I was asked to drive clients to appointments three days out of five."},
      new String[] {"jordan", "Same here last month. It helped to bring the job description to supervision and talk it through."},
      new String[] {"rosa", "I keep getting pulled into filing. I don't mind helping but it eats the time I have for people."},
      new String[] {"rivera", "Let's put role clarity on Thursday's agenda. Bring one example each."},
      new String[] {"sam", "Update: talked with my supervisor, we're trying a shared ride schedule so it's not all on me."},
      new String[] {"jordan", "That's a real win. Proud of you for raising it."},
      new String[] {"rosa", "Anyone have a good way to explain 'I share my experience, I don't give advice' to new staff?"},
      new String[] {"rivera", "I say: I walk alongside, I don't steer. Happy to role-play it Thursday."});
  static final List<String[]> RESPITE = List.of(
      new String[] {"maria", "Night shifts at the respite house have been heavy. Checking in with how everyone is sleeping."},
      new String[] {"theo", "Not great, honestly. The breathing exercise from the training helps a bit."},
      new String[] {"aisha", "I started a short walk after shift before driving home. It separates the day from the rest."},
      new String[] {"maria", "Good idea. Reminder: the crisis resources are pinned at the top if anyone needs them."},
      new String[] {"theo", "Thanks for holding this space, Maria."});

  public static Future<Void> load(Pool pool, DemoOrg org) {
    return circle(pool, org, "Outreach peers", "Mutual support and role clarity for the Community Outreach peers.", "open",
        meeting("weekly", DayOfWeek.THURSDAY, LocalTime.of(16, 0), 60, "Room 2B, Harbor main office"), List.of("rivera", "sam", "jordan", "rosa"), OUTREACH)
        .compose(v -> circle(pool, org, "Night shift circle", "For peers working evenings and nights: rest, stress and staying well.",
            "request", meeting("biweekly", DayOfWeek.TUESDAY, LocalTime.of(9, 30), 45, "Video call: link pinned in the circle"),
            List.of("maria", "theo", "aisha"), RESPITE))
        .compose(v -> pool.preparedQuery("insert into circle_crisis_resources (org_id, body, updated_by) values ($1, $2, $3)")
            .execute(Tuple.of(org.orgId(), "988 Suicide & Crisis Lifeline: call or text 988.\nHarbor after-hours line: (555) 010-4400.",
                org.admin().id())).mapEmpty());
  }

  /** A series that began a few weeks ago on {@code day}, so it has a next occurrence whatever day the demo loads. */
  static Meeting meeting(String cadence, DayOfWeek day, LocalTime at, int minutes, String where) {
    LocalDate first = LocalDate.now().minusWeeks(4).with(TemporalAdjusters.nextOrSame(day));
    return new Meeting(cadence, Recurrence.rrule(cadence, null), first.atTime(at), minutes, where);
  }

  private static Future<Void> circle(Pool pool, DemoOrg org, String name, String purpose, String policy, Meeting meeting,
      List<String> handles, List<String[]> script) {
    Person facilitator = org.person(handles.get(0));
    CurrentUser fac = new CurrentUser(facilitator.id(), org.orgId(), facilitator.email(), facilitator.displayName(),
        facilitator.roles(), null, null);
    Circle.Settings settings = new Circle.Settings(name, purpose,
        "What is shared here stays here. Speak from your own experience. No advice unless asked. Anyone may step out.",
        policy, meeting, null, null);
    return pool.withTransaction(tx -> CircleRepository.insert(tx, org.orgId(), settings, fac.id()).compose(id -> {
      Future<?> chain = CircleRepository.addMember(tx, id, fac.id(), "facilitator");
      for (String h : handles.subList(1, handles.size())) {
        chain = chain.compose(v -> CircleRepository.addMember(tx, id, org.person(h).id(), "member"));
      }
      for (int i = 0; i < script.size(); i++) {
        int seq = i + 1;
        int hoursAgo = (script.size() - i) * 21 * 24 / (script.size() + 1);
        String[] line = script.get(i);
        chain = chain.compose(v -> tx.preparedQuery(MESSAGE)
            .execute(Tuple.of(id, seq, org.person(line[0]).id(), "demo-" + seq, line[1], hoursAgo)));
      }
      return chain.compose(v -> tx.preparedQuery("update circle_counters set last_seq = $2 where circle_id = $1").execute(Tuple.of(id, script.size())))
          .<Void>mapEmpty();
    }));
  }
}
