package io.mooring.supervision;

import io.mooring.people.PeopleService;
import io.mooring.platform.calendar.CalendarSource;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.DriftSummaries;
import io.mooring.relations.ProfileDisclosure;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The supervision feature, built once: pairings and agreements, sessions, records, overviews,
 * hours and the calendar feed. Takes the check-in feature's {@link DriftSummaries} for role clarity
 * and drift flags, so supervision never reads check-in tables.
 */
public final class SupervisionService {
  private final ProfileDisclosure disclosure;
  private final PairingService pairings;
  private final SessionService sessions;
  private final RecordService records;
  private final RecordSharing sharing;
  private final DashboardService dashboards;
  private final HoursService hours;
  private final FeedService feed;
  private final PeopleService people;
  private final SupervisionReminders reminders;
  private final RecordList recordList;

    /** {@code calendar}: other features' events for the per-person feed (circle meetings). */
  public SupervisionService(Pool pool, PeopleService people, Pairings pairingSeam, DriftSummaries drift, ProfileDisclosure disclosure,
                            List<CalendarSource> calendar, Notifications notices) {
    SupervisionNotices told = new SupervisionNotices(notices, pool);
    this.pairings = new PairingService(pool, people);
    this.sessions = new SessionService(pool, people, pairings, told);
    this.records = new RecordService(pool, pairings, drift, told, people);
    this.reminders = new SupervisionReminders(pool, notices);
    this.sharing = new RecordSharing(pool, records);
    this.dashboards = new DashboardService(pool, people, drift);
    this.hours = new HoursService(pool, people, pairingSeam);
    this.feed = new FeedService(pool, people, calendar);
    this.people = people;
    this.recordList = new RecordList(pool, people);
    this.disclosure = disclosure;
  }

  PeopleService people() {
    return people;
  }

  /** What the other person in a pairing chose to share with the viewer; only disclosure decides. */
  public ProfileDisclosure disclosure() {
    return disclosure;
  }

  public PairingService pairings() {
    return pairings;
  }

  public SessionService sessions() {
    return sessions;
  }

  public RecordService records() {
    return records;
  }

  public RecordSharing sharing() {
    return sharing;
  }

  public DashboardService dashboards() {
    return dashboards;
  }

  public HoursService hours() {
    return hours;
  }

  /** The periodic reminder and overdue checks (they run by themselves; tests call them directly). */
  public SupervisionReminders reminders() {
    return reminders;
  }

  public RecordList recordList() {
    return recordList;
  }

  public FeedService feed() {
    return feed;
  }
}
