package io.mooring.supervision;

import io.mooring.platform.notify.DeliveryCheck;
import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the recipient of a supervision notice still plays their part in its pairing, as {@link PairingRole#of}
 * decides it: the supervisor while the pairing is active and {@link Entitlement} counts them its supervisor; the
 * supervisee, who keeps their own records after the pairing ended. Links name a session or a pairing (anything
 * else, such as an old link to /supervision, grants nothing). Many links are answered with two queries, whatever
 * their number: a supervisor collects a notice per acknowledged record, and every page's unread count asks.
 */
final class PairingNoticeCheck implements DeliveryCheck {
  private static final String PAIRINGS = """
      select 's' as via, s.id as key, p.supervisor_id, p.supervisee_id, p.ended_at is null as active
        from supervision_sessions s join supervision_pairings p on p.id = s.pairing_id where s.id = any($1)
      union all
      select 'p', p.id, p.supervisor_id, p.supervisee_id, p.ended_at is null from supervision_pairings p where p.id = any($2)""";

  private final Pool pool;
  private final Entitlement entitlement;
  /** A record's notices outlive the pairing (for its supervisee); session and overdue notices do not. */
  private final boolean endedPairingToo;
  /** Only the supervisor is told (overdue). */
  private final boolean supervisorOnly;

  PairingNoticeCheck(Pool pool, Entitlement entitlement, boolean endedPairingToo, boolean supervisorOnly) {
    this.pool = pool;
    this.entitlement = entitlement;
    this.endedPairingToo = endedPairingToo;
    this.supervisorOnly = supervisorOnly;
  }

  @Override
  public Future<Boolean> stillEntitled(long recipientId, String link) {
    return entitledLinks(recipientId, List.of(link)).map(allowed -> allowed.contains(link));
  }

  @Override
  public Future<Set<String>> entitledLinks(long recipientId, Collection<String> links) {
    Map<String, Long> sessionOf = new HashMap<>();
    Map<String, Long> pairingOf = new HashMap<>();
    for (String link : links) {
      long session = DeliveryCheck.idAfter(link, SupervisionNotices.SESSION_LINK);
      long pairing = Math.max(DeliveryCheck.idAfter(link, SupervisionNotices.PAIRING_LINK),
          DeliveryCheck.idAfter(link, SupervisionNotices.SERIES_LINK));
      if (session >= 0) {
        sessionOf.put(link, session);
      } else if (pairing >= 0) {
        pairingOf.put(link, pairing);
      }
    }
    if (sessionOf.isEmpty() && pairingOf.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    // Cast: a Long[] in Tuple.of's varargs place would be spread into parameters.
    return pool.preparedQuery(PAIRINGS).execute(Tuple.of(sessionOf.values().toArray(new Long[0]), (Object) pairingOf.values().toArray(new Long[0])))
        .compose(rows -> {
          Map<Long, Row> bySession = new HashMap<>();
          Map<Long, Row> byPairing = new HashMap<>();
          boolean asSupervisor = false;
          for (Row r : rows) {
            ("s".equals(r.getString("via")) ? bySession : byPairing).put(r.getLong("key"), r);
            asSupervisor |= r.getLong("supervisor_id") == recipientId && r.getBoolean("active");
          }
          Future<List<Long>> supervisees = asSupervisor ? entitlement.superviseesOf(recipientId) : Future.succeededFuture(List.of());
          return supervisees.map(current -> {
            Set<Long> supervised = new HashSet<>(current);
            Set<String> out = new HashSet<>();
            for (String link : links) {
              Row p = sessionOf.containsKey(link) ? bySession.get(sessionOf.get(link)) : byPairing.get(pairingOf.get(link));
              if (p != null && plays(recipientId, p, supervised)) {
                out.add(link);
              }
            }
            return out;
          });
        });
  }

  private boolean plays(long recipientId, Row p, Set<Long> supervised) {
    boolean active = p.getBoolean("active");
    long supervisor = p.getLong("supervisor_id");
    if (!active && !endedPairingToo || supervisorOnly && supervisor != recipientId) {
      return false;
    }
    if (p.getLong("supervisee_id") == recipientId) {
      return true;
    }
    return supervisor == recipientId && active && supervised.contains(p.getLong("supervisee_id"));
  }
}
