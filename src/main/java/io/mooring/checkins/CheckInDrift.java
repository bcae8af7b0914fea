package io.mooring.checkins;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What supervision may learn of a peer's check-ins (the {@link io.mooring.relations.DriftSummaries}
 * seam, which {@link CheckInService} answers through this): only for a current supervisor, only
 * what the peer shares, including which flags ({@link CheckInScoring#supervisorSees}).
 */
final class CheckInDrift {
  private final Pool pool;
  private final PeopleService people;
  private final Entitlement pairings;

  CheckInDrift(Pool pool, PeopleService people, Entitlement pairings) {
    this.pool = pool;
    this.people = people;
    this.pairings = pairings;
  }

  /** This supervisor's current supervisees, in the organization. */
  Future<List<Long>> supervisees(CurrentUser me) {
    return pairings.superviseesOf(me.id())
        .compose(ids -> people.findMany(me.orgId(), ids))
        .map(list -> list.stream().map(Person::id).toList());
  }

  Future<Optional<JsonObject>> latestShared(CurrentUser supervisor, long peerId) {
    return isCurrentSupervisor(supervisor, peerId).compose(ok -> !ok ? Future.succeededFuture(Optional.<JsonObject>empty())
        : CheckInRepository.history(pool, supervisor.orgId(), peerId, CheckInService.NO_CURSOR, 1)
            .map(list -> list.isEmpty() ? Optional.<JsonObject>empty() : Optional.of(list.get(0).toSharedJson())));
  }

  Future<Map<Long, List<JsonObject>>> openFlags(CurrentUser supervisor, Collection<Long> peerIds) {
    return supervisees(supervisor).compose(mine -> {
      List<Long> allowed = peerIds.stream().distinct().filter(mine::contains).toList();
      return CheckInRepository.openFlags(pool, supervisor.orgId(), allowed).map(flags -> {
        Map<Long, List<JsonObject>> out = new LinkedHashMap<>();
        allowed.forEach(id -> out.put(id, new ArrayList<>()));
        flags.stream().filter(CheckIn.Flag::supervisorSees).forEach(f -> out.get(f.peerId()).add(f.toJson()));
        return out;
      });
    });
  }

  Future<Void> resolveFlags(CurrentUser supervisor, long peerId, Collection<Long> flagIds, long supervisionRecordId) {
    List<Long> ids = flagIds.stream().distinct().toList();
    return isCurrentSupervisor(supervisor, peerId).compose(ok -> {
      if (!ok) {
        throw AppException.notFound("Person " + peerId);
      }
      return pool.withTransaction(tx -> CheckInRepository.flagsOf(tx, supervisor.orgId(), peerId, ids).compose(found -> {
        // A flag the supervisor may not see (its answers are not shared) does not exist for them.
        if (found.stream().filter(CheckIn.Flag::supervisorSees).count() != ids.size()) {
          throw AppException.notFound("Drift flag");
        }
        return CheckInRepository.resolve(tx, supervisor.orgId(), peerId, ids, supervisor.id(), supervisionRecordId)
            .compose(n -> AuditLog.record(tx, AuditLog.Entry.of(supervisor.orgId(), supervisor.id(), "checkin.flags_resolved")
                .subject("user", peerId).with("record", supervisionRecordId).with("flags", n)));
      }));
    });
  }

  /** A current pairing with someone in the supervisor's own organization; an ended pairing grants nothing. */
  Future<Boolean> isCurrentSupervisor(CurrentUser me, long peerId) {
    return people.find(me.orgId(), peerId).compose(p -> p.isEmpty() ? Future.succeededFuture(false)
        : pairings.supervises(me.id(), peerId));
  }
}
