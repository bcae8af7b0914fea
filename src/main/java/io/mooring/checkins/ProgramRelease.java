package io.mooring.checkins;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistical disclosure control for program figures: a minimum group size plus suppression against
 * disclosure by differencing (the overlapping-groups problem of tabular data protection). A figure is released only if at least k peers contribute AND its
 * contributions differ from every figure already released for the same month (in this report, in an
 * earlier report, for any team, before or after a membership change) by the check-ins of either no
 * peer or at least k peers. Otherwise subtracting the two would reveal one small group's figures.
 * Released contributions are remembered in PostgreSQL (checkin_program_releases), so the rule holds
 * across reads, nodes and restarts. Limitation: the check is pairwise; differences of three or more
 * released figures are not audited.
 */
final class ProgramRelease {
  static final String SMALL_GROUP = "fewer_than_k_peers";
  static final String DIFFERENCING = "differs_from_another_figure_by_fewer_than_k_peers";

  private static final String LOCK = "select pg_advisory_xact_lock(7310, ($1 % 2147483647)::int)";
  private static final String EARLIER = """
      select month, checkin_ids, peer_ids from checkin_program_releases where org_id = $1 and month = any($2)""";
  private static final String RECORD = "insert into checkin_program_releases (org_id, month, checkin_ids, peer_ids) values ($1, $2, $3, $4)";

  private ProgramRelease() {}

  /** One candidate figure: its month and its contributions (check-in id → peer id). */
  record Candidate(String month, Map<Long, Long> contributions) {
    long peers() {
      return new HashSet<>(contributions.values()).size();
    }
  }

  /** Holds the organization's release lock until the transaction ends, so two reads cannot both pass the check. */
  static Future<Void> lock(SqlClient tx, long orgId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(orgId)).mapEmpty();
  }

  /** Figures of these months released earlier, by month. */
  static Future<Map<String, List<Map<Long, Long>>>> earlier(SqlClient tx, long orgId, Set<String> months) {
    // Tuple.tuple(): a lone array passed to Tuple.of(Object...) would be spread into separate values.
    return tx.preparedQuery(EARLIER).execute(Tuple.tuple().addLong(orgId).addArrayOfString(months.toArray(new String[0]))).map(rows -> {
          Map<String, List<Map<Long, Long>>> out = new HashMap<>();
          rows.forEach(r -> out.computeIfAbsent(r.getString("month"), m -> new ArrayList<>())
              .add(zip(r.getArrayOfLongs("checkin_ids"), r.getArrayOfLongs("peer_ids"))));
          return out;
        });
  }

  static Future<Void> record(SqlClient tx, long orgId, List<Candidate> released) {
    if (released.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> batch = new ArrayList<>();
    for (Candidate c : released) {
      Long[] ids = c.contributions().keySet().stream().sorted().toArray(Long[]::new);
      Long[] peers = Arrays.stream(ids).map(c.contributions()::get).toArray(Long[]::new);
      batch.add(Tuple.of(orgId, c.month(), ids, peers));
    }
    return tx.preparedQuery(RECORD).executeBatch(batch).mapEmpty();
  }

  /**
   * For each candidate (in order), null to release it or the reason it is suppressed. Candidates
   * identical to an earlier release are decided first so a figure once shown stays shown and the
   * newcomer that differs from it is the one held back. {@code newlyReleased} receives the releases
   * not seen before, for {@link #record}.
   */
  static List<String> decide(List<Candidate> candidates, Map<String, List<Map<Long, Long>>> earlier, int k, List<Candidate> newlyReleased) {
    Map<String, List<Map<Long, Long>>> released = new HashMap<>();
    earlier.forEach((m, list) -> released.put(m, new ArrayList<>(list)));
    String[] out = new String[candidates.size()];
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < candidates.size(); i++) {
        boolean seen = released.getOrDefault(candidates.get(i).month(), List.of()).contains(candidates.get(i).contributions());
        if (seen == (pass == 0)) {
          order.add(i);
        }
      }
    }
    for (int i : order) {
      Candidate c = candidates.get(i);
      List<Map<Long, Long>> sameMonth = released.computeIfAbsent(c.month(), m -> new ArrayList<>());
      if (c.peers() < k) {
        out[i] = SMALL_GROUP;
      } else if (sameMonth.stream().anyMatch(r -> { int d = peersDiffering(r, c.contributions()); return d > 0 && d < k; })) {
        out[i] = DIFFERENCING;
      } else if (!sameMonth.contains(c.contributions())) {
        sameMonth.add(c.contributions());
        newlyReleased.add(c);
      }
    }
    return Arrays.asList(out);
  }

  /** How many peers' check-ins are in one set of contributions and not the other. */
  static int peersDiffering(Map<Long, Long> a, Map<Long, Long> b) {
    Set<Long> peers = new HashSet<>();
    a.forEach((checkin, peer) -> {
      if (!b.containsKey(checkin)) {
        peers.add(peer);
      }
    });
    b.forEach((checkin, peer) -> {
      if (!a.containsKey(checkin)) {
        peers.add(peer);
      }
    });
    return peers.size();
  }

  private static Map<Long, Long> zip(Long[] checkins, Long[] peers) {
    Map<Long, Long> m = new HashMap<>();
    for (int i = 0; i < checkins.length; i++) {
      m.put(checkins[i], peers[i]);
    }
    return m;
  }
}
