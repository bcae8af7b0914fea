package io.mooring.relations;

import io.mooring.platform.db.Rows;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one definition of who stands in which relation to whom, right now. {@link #TIES} lists every
 * (viewer, owner) tie with its kind and context, counting only what the owning feature itself
 * counts: a supervisor is an active account holding the supervisor role in an active pairing; a
 * circle member is an active peer in a live circle (as the circle pages see them) and so is the
 * owner; a teammate is an active account on one of the owner's teams, in the same organization.
 * Both directions read that same text: {@link #viewer} (what one viewer is tied to, for "may V see
 * O's items?") and {@link #candidates} (everyone who could see O's items, for "who can see X now?").
 */
public final class Entitlement {
  static final String TIES = """
      select p.supervisor_id as viewer_id, p.supervisee_id as owner_id, 'supervisor' as kind, p.id as context_id
        from supervision_pairings p join users v on v.id = p.supervisor_id and v.org_id = p.org_id
       where p.ended_at is null and %s
      union all
      select v.user_id, o.user_id, 'circle', o.circle_id
        from circle_members o
        join circle_members v on v.circle_id = o.circle_id and v.user_id <> o.user_id
        join circles c on c.id = o.circle_id and c.archived_at is null
        join users vu on vu.id = v.user_id and vu.org_id = c.org_id and vu.active and 'peer' = any(vu.roles)
        join users ou on ou.id = o.user_id and ou.org_id = c.org_id and ou.active and 'peer' = any(ou.roles)
      union all
      select v.user_id, o.user_id, 'team', o.team_id
        from team_members o
        join team_members v on v.team_id = o.team_id and v.user_id <> o.user_id
        join teams t on t.id = o.team_id
        join users vu on vu.id = v.user_id and vu.org_id = t.org_id and vu.active""".formatted(holdsSupervisorRole("v"));
  /** SQL: the account behind {@code users} alias {@code u} may act as a supervisor now (active, holding the role). */
  public static String holdsSupervisorRole(String u) {
    return u + ".active and 'supervisor' = any(" + u + ".roles)";
  }

  private static final String VIEWER = "select active from users where id = $1 and org_id = $2";
  private static final String TIES_OF_VIEWER = "select owner_id, kind, context_id from (" + TIES + ") t where viewer_id = $1";
  private static final String TIES_TO_OWNER = "select viewer_id, kind, context_id from (" + TIES + ") t where owner_id = $1";
  private static final String SUPERVISES = """
      select exists(select 1 from (""" + TIES + """
      ) t where viewer_id = $1 and owner_id = $2 and kind = 'supervisor')""";
  private static final String SUPERVISEES_OF = "select distinct owner_id from (" + TIES + ") t where viewer_id = $1 and kind = 'supervisor'";
  private static final String SUPERVISORS_OF = "select distinct viewer_id from (" + TIES + ") t where owner_id = $1 and kind = 'supervisor'";
  private static final String ACTIVE_COLLEAGUES = """
      select id, display_name from users where org_id = $1 and active and id <> $2 order by display_name, id""";

  private final SqlClient db;

  public Entitlement(SqlClient db) {
    this.db = db;
  }

  /** Someone who might see an owner's items, with the ties that would let them. */
  public record Candidate(Viewer viewer, String displayName) {}

  /** This viewer's current ties to every owner: two queries, however many owners are asked about later. */
  public Future<Viewer> viewer(long viewerId, long orgId) {
    return Future.all(db.preparedQuery(VIEWER).execute(Tuple.of(viewerId, orgId)),
        db.preparedQuery(TIES_OF_VIEWER).execute(Tuple.of(viewerId))).map(all -> {
          var found = all.<RowSet<Row>>resultAt(0);
          if (found.size() == 0 || !found.iterator().next().getBoolean(0)) {
            return Viewer.nobody(viewerId, orgId);
          }
          Ties ties = new Ties();
          all.<RowSet<Row>>resultAt(1).forEach(r -> ties.add(r.getString("kind"), r.getLong("owner_id"), r.getLong("context_id")));
          return ties.viewer(viewerId, orgId);
        });
  }

  /**
   * Every active colleague of the owner with their ties to the owner, for resolving an audience into
   * names. The caller applies its own rule (for disclosure, its policy) to each candidate's viewer.
   */
  public Future<List<Candidate>> candidates(long ownerId, long orgId) {
    return Future.all(db.preparedQuery(ACTIVE_COLLEAGUES).execute(Tuple.of(orgId, ownerId)),
        db.preparedQuery(TIES_TO_OWNER).execute(Tuple.of(ownerId))).map(all -> {
          Map<Long, Ties> byViewer = new HashMap<>();
          all.<RowSet<Row>>resultAt(1).forEach(r ->
              byViewer.computeIfAbsent(r.getLong("viewer_id"), k -> new Ties()).add(r.getString("kind"), ownerId, r.getLong("context_id")));
          List<Candidate> out = new ArrayList<>();
          for (Row r : all.<RowSet<Row>>resultAt(0)) {
            long id = r.getLong("id");
            out.add(new Candidate(byViewer.getOrDefault(id, new Ties()).viewer(id, orgId), r.getString("display_name")));
          }
          return out;
        });
  }

  /** Whether this person supervises that one now (active pairing, active account holding the supervisor role). */
  public Future<Boolean> supervises(long supervisorId, long superviseeId) {
    return db.preparedQuery(SUPERVISES).execute(Tuple.of(supervisorId, superviseeId)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  public Future<List<Long>> superviseesOf(long supervisorId) {
    return db.preparedQuery(SUPERVISEES_OF).execute(Tuple.of(supervisorId)).map(Rows::longs);
  }

  public Future<List<Long>> supervisorsOf(long superviseeId) {
    return db.preparedQuery(SUPERVISORS_OF).execute(Tuple.of(superviseeId)).map(Rows::longs);
  }


  /** Ties gathered row by row, then frozen into a {@link Viewer}. */
  private static final class Ties {
    final Set<Long> supervisees = new HashSet<>();
    final Set<Long> pairings = new HashSet<>();
    final Map<Long, Set<Long>> circles = new LinkedHashMap<>();
    final Set<Long> teammates = new HashSet<>();

    void add(String kind, long ownerId, long contextId) {
      switch (kind) {
        case "supervisor" -> {
          supervisees.add(ownerId);
          pairings.add(contextId);
        }
        case "circle" -> circles.computeIfAbsent(contextId, k -> new HashSet<>()).add(ownerId);
        case "team" -> teammates.add(ownerId);
        default -> throw new IllegalStateException("unknown tie " + kind);
      }
    }

    Viewer viewer(long id, long orgId) {
      Map<Long, Set<Long>> frozen = new HashMap<>();
      circles.forEach((c, owners) -> frozen.put(c, Set.copyOf(owners)));
      return new Viewer(id, orgId, true, Set.copyOf(supervisees), Set.copyOf(pairings), Map.copyOf(frozen), Set.copyOf(teammates));
    }
  }
}
