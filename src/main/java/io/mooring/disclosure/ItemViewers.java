package io.mooring.disclosure;

import io.mooring.relations.Entitlement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who can see each of an owner's items right now, by name (the audience rule resolved through the
 * same policy every read uses), and who has gained access since the owner last looked. New viewers
 * are found by comparing the resolved set with the one last recorded, so an organizational change
 * made anywhere (a new pairing, teammate or circle member, a re-activated account) is caught
 * without that feature knowing about disclosure.
 */
public final class ItemViewers {
  private static final String FORGET_GONE = """
      delete from disclosure_known_viewers where owner_id = $1
         and (kind, viewer_id) not in (select * from unnest($2::text[], $3::bigint[]))""";
  private static final String ADD_NEW = """
      insert into disclosure_known_viewers (owner_id, kind, viewer_id, told_at)
      select $1, k, v, case when $4 then now() end from unnest($2::text[], $3::bigint[]) as n(k, v)
      on conflict do nothing""";
  private static final String UNTOLD = """
      select kind, viewer_id, first_seen_at from disclosure_known_viewers
       where owner_id = $1 and told_at is null order by first_seen_at, kind, viewer_id""";
  private static final String TELL = "update disclosure_known_viewers set told_at = now() where owner_id = $1 and told_at is null";

  private final Pool pool;
  private final Entitlement entitlement;

  ItemViewers(Pool pool, Entitlement entitlement) {
    this.pool = pool;
    this.entitlement = entitlement;
  }

  public record Named(long id, String name) {}

  /** One saved item and everyone other than the owner who can see it now. */
  public record Viewed(ItemKind kind, List<Named> viewers) {
    public JsonObject toJson() {
      JsonArray arr = new JsonArray();
      viewers.forEach(n -> arr.add(new JsonObject().put("id", n.id()).put("displayName", n.name())));
      return new JsonObject().put("kind", kind.dbName()).put("label", kind.label).put("viewers", arr);
    }
  }

  /** Someone who gained access to one item since the owner last looked. */
  public record NewViewer(ItemKind kind, long viewerId, String viewerName, OffsetDateTime since) {
    public String message() {
      return viewerName + " can now see: " + kind.label;
    }

    public JsonObject toJson() {
      return new JsonObject().put("kind", kind.dbName()).put("viewerId", viewerId).put("viewerName", viewerName)
          .put("since", since.toString()).put("message", message());
    }
  }

  /** What the owner is shown: every item's viewers now, and who is new since the last visit. */
  public record Report(List<Viewed> items, List<NewViewer> newSinceLastVisit) {}

  /** Resolves every saved item's viewers: two entitlement queries and one item query, however large the audience. */
  Future<List<Viewed>> now(long ownerId, long orgId) {
    return Future.all(DisclosureRepository.itemsOf(pool, orgId, List.of(ownerId)), entitlement.candidates(ownerId, orgId)).map(all -> {
      List<StoredItem> items = all.resultAt(0);
      List<Entitlement.Candidate> candidates = all.resultAt(1);
      OffsetDateTime at = OffsetDateTime.now();
      List<Viewed> out = new ArrayList<>();
      for (StoredItem i : items) {
        List<Named> names = candidates.stream()
            .filter(c -> DisclosurePolicy.canSee(c.viewer(), ownerId, i.orgId(), i.grants(), at))
            .map(c -> new Named(c.viewer().id(), c.displayName())).toList();
        out.add(new Viewed(i.kind(), names));
      }
      return out;
    });
  }

  /**
   * THE detection of new viewers: resolves who can see each item now, forgets those who no longer
   * can, records newcomers, and answers everyone the owner has not been told of yet. With
   * {@code ownerMadeTheChange} the newcomers come from the owner's own audience choice and are
   * recorded as already told. A notifications service can call this after any organizational change.
   */
  Future<Report> detect(long ownerId, long orgId, boolean ownerMadeTheChange) {
    return now(ownerId, orgId).compose(items -> {
      List<String> kinds = new ArrayList<>();
      List<Long> viewers = new ArrayList<>();
      Map<Long, String> names = new HashMap<>();
      items.forEach(v -> v.viewers().forEach(n -> {
        kinds.add(v.kind().dbName());
        viewers.add(n.id());
        names.put(n.id(), n.name());
      }));
      Tuple sets = Tuple.of(ownerId, kinds.toArray(new String[0]), viewers.toArray(new Long[0]));
      return pool.withTransaction(tx -> tx.preparedQuery(FORGET_GONE).execute(sets)
          .compose(x -> tx.preparedQuery(ADD_NEW).execute(Tuple.of(ownerId, sets.getValue(1), sets.getValue(2), ownerMadeTheChange)))
          .compose(x -> untold(tx, ownerId, names))).map(news -> new Report(items, news));
    });
  }

  /** A visit by the owner: what is new is reported once, then counts as told. */
  Future<Report> visit(long ownerId, long orgId) {
    return detect(ownerId, orgId, false)
        .compose(r -> r.newSinceLastVisit().isEmpty() ? Future.succeededFuture(r)
            : pool.preparedQuery(TELL).execute(Tuple.of(ownerId)).map(r));
  }

  private static Future<List<NewViewer>> untold(SqlClient db, long ownerId, Map<Long, String> names) {
    return db.preparedQuery(UNTOLD).execute(Tuple.of(ownerId)).map(rows -> {
      List<NewViewer> out = new ArrayList<>();
      rows.forEach(r -> out.add(new NewViewer(ItemKind.parse(r.getString("kind")), r.getLong("viewer_id"),
          names.getOrDefault(r.getLong("viewer_id"), "A colleague"), r.getOffsetDateTime("first_seen_at"))));
      return out;
    });
  }
}
