package io.mooring.checkins;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.db.UniqueViolation;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.DriftSummaries;
import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Check-ins: the peer records and sees everything; a current supervisor sees the score, the flags from
 * the score and the discuss request, and only what the peer shares (answers, the flags that restate
 * them, reflection); everyone else gets 404. Admin figures live in {@link CheckInProgram}.
 */
public final class CheckInService implements DriftSummaries {
  /** A period end after every real one: the first page of history. */
  static final LocalDate NO_CURSOR = LocalDate.of(9999, 12, 31);
  private final Pool pool;
  private final PeopleService people;
  /** Who supervises whom now: the one rule below the features, not supervision's classes. */
  private final Entitlement pairings;
  private final CheckInProgram program;
  private final CheckInNotices notices;
  private final CheckInDrift drift;

  public CheckInService(Pool pool, PeopleService people, Entitlement pairings, Notifications notices) {
    this.pool = pool;
    this.notices = new CheckInNotices(pool, notices, pairings::supervisorsOf);
    this.people = people;
    this.pairings = pairings;
    this.program = new CheckInProgram(pool, people);
    this.drift = new CheckInDrift(pool, people, pairings);
  }

  public CheckInProgram program() {
    return program;
  }

  public Future<CheckIn> create(CurrentUser me, NewCheckIn cmd) {
    if (!me.isPeer()) {
      throw AppException.forbidden("Check-ins are for peer staff.");
    }
    Map<String, Double> shares = CheckInScoring.shares(cmd.amounts());
    double score = CheckInScoring.score(Instrument.CURRENT, shares);
    return today(me.orgId()).compose(today -> insert(me, cmd, cmd.periodEnd() == null ? today : cmd.periodEnd(), shares, score));
  }

  private Future<CheckIn> insert(CurrentUser me, NewCheckIn cmd, LocalDate period, Map<String, Double> shares, double score) {
    return pool.withTransaction(tx -> CheckInRepository.settings(tx, me.orgId())
        .compose(settings -> CheckInRepository.previousScores(tx, me.orgId(), me.id(), period)
            .compose(prev -> CheckInRepository.insert(tx, me.orgId(), me.id(), cmd, period, shares, score)
                .compose(c -> CheckInRepository.insertFlags(tx, c, CheckInScoring.flags(shares, cmd.pulses(), score,
                    settings.threshold(), prev, cmd.discuss())).map(c))))
        .compose(c -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "checkin.created").subject("checkin", c.id())).map(c))
        .compose(c -> CheckInRepository.find(tx, me.orgId(), c.id())).map(Optional::orElseThrow)
        .compose(c -> notices.flagsRaised(tx, me, c).map(c)))
        .recover(err -> Future.failedFuture(samePeriod(err, period)));
  }

  /** One check-in per peer and period end (sql/V4): name the period, on the field that chose it. */
  private static Throwable samePeriod(Throwable err, LocalDate period) {
    if (UniqueViolation.of(err, "checkins_peer_id_period_end_key")) {
      return new AppException(ErrorCode.CONFLICT, "You already have a check-in for the period ending " + period + ".",
          List.of(new AppException.FieldError("periodEnd", "already has your check-in: choose another period end, or open that check-in")),
          null);
    }
    return err;
  }

  /** The periodic "check-in due" run (it runs by itself; tests call it directly). */
  public Future<Integer> remindDue() {
    return notices.remindDue();
  }

  public Future<List<CheckIn>> history(CurrentUser me, LocalDate before, int limit) {
    return CheckInRepository.history(pool, me.orgId(), me.id(), before == null ? NO_CURSOR : before, limit);
  }

  /** One check-in as JSON for this viewer: the peer sees all, a current supervisor what is shared, others 404. */
  public Future<JsonObject> view(CurrentUser me, long checkInId) {
    return visible(me, checkInId).compose(c -> RatingRepository.ratings(pool, c.id()).map(ratings -> {
      boolean own = c.peerId() == me.id();
      JsonObject out = own ? c.toOwnerJson() : c.toSharedJson(); // toSharedJson keeps only the flags a supervisor may see
      JsonArray rs = new JsonArray();
      ratings.stream().filter(r -> own || r.supervisorId() == me.id()).forEach(r -> rs.add(r.toJson()));
      return out.put("supervisorRatings", rs);
    }));
  }

  public Future<CheckIn> changeSharing(CurrentUser me, long checkInId, CheckInInput.Sharing s) {
    return own(me, checkInId).compose(c -> pool.withTransaction(tx -> CheckInRepository.updateSharing(tx, me.orgId(), c.id(),
            s.shareAnswers() == null ? c.shareAnswers() : s.shareAnswers(),
            s.shareReflection() == null ? c.shareReflection() : s.shareReflection())
        .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "checkin.sharing_changed").subject("checkin", c.id())))
        .compose(v -> CheckInRepository.find(tx, me.orgId(), c.id())).map(Optional::orElseThrow)));
  }

  /** The supervisor's own rating of the same activities, shown beside the peer's. */
  public Future<CheckIn.Rating> rate(CurrentUser me, long checkInId, CheckInInput.Rating r) {
    return visible(me, checkInId).compose(c -> {
      if (c.peerId() == me.id()) {
        throw AppException.conflict("You cannot rate your own check-in as a supervisor.");
      }
      Map<String, Double> shares = CheckInScoring.shares(r.amounts());
      double score = CheckInScoring.score(Instrument.CURRENT, shares);
      return RatingRepository.saveRating(pool, c.id(), me.id(), r.unit(), r.amounts(), shares, score);
    });
  }

  /** Whose check-in this is, for a viewer allowed to see it (404 otherwise). */
  public Future<Long> peerOf(CurrentUser me, long checkInId) {
    return visible(me, checkInId).map(CheckIn::peerId);
  }

  public Future<PersonView> person(CurrentUser me, long peerId, int limit) {
    return canSeePerson(me, peerId).compose(ok -> {
      if (!ok) {
        throw AppException.notFound("Person " + peerId);
      }
      return Future.all(CheckInRepository.history(pool, me.orgId(), peerId, NO_CURSOR, limit),
          CheckInRepository.openFlags(pool, me.orgId(), List.of(peerId)), dueFor(me.orgId(), List.of(peerId)),
          CheckInRepository.settings(pool, me.orgId()));
    }).compose(all -> {
      boolean own = peerId == me.id();
      List<CheckIn> read = all.resultAt(0);
      List<CheckIn.Flag> open = all.resultAt(1);
      // A supervisor's view holds only the flags the peer's sharing lets them see: the page, its chart and counts,
      // the API and the check-ins home page all draw from it.
      List<CheckIn> list = own ? read : read.stream().map(CheckIn::forSupervisor).toList();
      List<CheckIn.Flag> openFlags = own ? open : open.stream().filter(CheckIn.Flag::supervisorSees).toList();
      Map<Long, Due> due = all.resultAt(2);
      CheckInRepository.Settings settings = all.resultAt(3);
      return RatingRepository.ratingsFor(pool, list.stream().map(CheckIn::id).toList()).map(ratings -> new PersonView(peerId, own,
          list, openFlags, due.get(peerId), settings.threshold(),
          ratings.stream().filter(r -> own || r.supervisorId() == me.id()).toList()));
    });
  }

  /** Due state per person, from each one's last check-in and the organization's cadence. */
  public Future<Map<Long, Due>> dueFor(long orgId, Collection<Long> peerIds) {
    return Future.all(CheckInRepository.settings(pool, orgId), CheckInRepository.lastPeriods(pool, orgId, peerIds), today(orgId)).map(all -> {
      CheckInRepository.Settings s = all.resultAt(0);
      Map<Long, LocalDate> last = all.resultAt(1);
      LocalDate today = all.resultAt(2);
      Map<Long, Due> out = new LinkedHashMap<>();
      peerIds.forEach(id -> out.put(id, Due.of(last.get(id), s.cadenceDays(), today)));
      return out;
    });
  }

  /** This supervisor's current supervisees, in the organization. */
  public Future<List<Long>> supervisees(CurrentUser me) {
    return drift.supervisees(me);
  }

  // DriftSummaries, what supervision may ask: answered by CheckInDrift.

  @Override
  public Future<Optional<JsonObject>> latestShared(CurrentUser supervisor, long peerId) {
    return drift.latestShared(supervisor, peerId);
  }

  @Override
  public Future<Map<Long, List<JsonObject>>> openFlags(CurrentUser supervisor, Collection<Long> peerIds) {
    return drift.openFlags(supervisor, peerIds);
  }

  @Override
  public Future<Void> resolveFlags(CurrentUser supervisor, long peerId, Collection<Long> flagIds, long supervisionRecordId) {
    return drift.resolveFlags(supervisor, peerId, flagIds, supervisionRecordId);
  }

  private Future<CheckIn> visible(CurrentUser me, long checkInId) {
    return CheckInRepository.find(pool, me.orgId(), checkInId).compose(found -> {
      CheckIn c = found.orElseThrow(() -> AppException.notFound("Check-in " + checkInId));
      if (c.peerId() == me.id()) {
        return Future.succeededFuture(c);
      }
      return pairings.supervises(me.id(), c.peerId()).map(ok -> {
        if (!ok) {
          throw AppException.notFound("Check-in " + checkInId);
        }
        return c;
      });
    });
  }

  private Future<CheckIn> own(CurrentUser me, long checkInId) {
    return CheckInRepository.find(pool, me.orgId(), checkInId).map(found -> found.filter(c -> c.peerId() == me.id())
        .orElseThrow(() -> AppException.notFound("Check-in " + checkInId)));
  }

  private Future<Boolean> canSeePerson(CurrentUser me, long peerId) {
    return peerId == me.id() ? Future.succeededFuture(true) : drift.isCurrentSupervisor(me, peerId);
  }

  /** Today where the organization works: due dates and default periods follow its calendar, not the server's. */
  private Future<LocalDate> today(long orgId) {
    return people.organization(orgId).map(o -> LocalDate.now(o.timeZone()));
  }

  static LocalDate today() {
    return LocalDate.now(ZoneOffset.UTC);
  }
}
