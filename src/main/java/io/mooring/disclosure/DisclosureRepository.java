package io.mooring.disclosure;

import io.mooring.platform.db.Rows;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** SQL for items, grants, the access log and settings history. Content arrives and leaves sealed. */
final class DisclosureRepository {
  private static final String ITEMS_OF = """
      select i.id, i.org_id, i.owner_id, i.kind, i.content, i.updated_at, g.audience, g.target_id, g.expires_at
        from disclosure_items i left join disclosure_grants g on g.item_id = i.id
       where i.org_id = $1 and i.owner_id = any($2)
       order by i.owner_id, i.id, g.id""";
  private static final String UPSERT_ITEM = """
      insert into disclosure_items (org_id, owner_id, kind, content) values ($1, $2, $3, $4)
      on conflict (owner_id, kind) do update set content = excluded.content, updated_at = now()
      returning id""";
  private static final String ITEM_ID = "select id from disclosure_items where owner_id = $1 and kind = $2";
  private static final String DELETE_GRANTS_OF_ITEM = "delete from disclosure_grants where item_id = $1";
  private static final String INSERT_GRANT = """
      insert into disclosure_grants (item_id, owner_id, audience, target_id, expires_at) values ($1, $2, $3, $4, $5)""";
  private static final String DELETE_GRANTS_OF_OWNER = "delete from disclosure_grants where owner_id = $1";
  private static final String LOG_VIEWS = """
      insert into disclosure_access_log (owner_id, viewer_id, kind, shown_where)
      select o, $2, k, $4 from unnest($1::bigint[], $3::text[]) as v(o, k)""";
  private static final String ACCESS_LOG = """
      select id, viewer_id, kind, at, shown_where from disclosure_access_log
       where owner_id = $1 and id < $2 order by id desc limit $3""";
  private static final String INSERT_HISTORY = "insert into disclosure_history (owner_id, action, kind, detail) values ($1, $2, $3, $4)";
  private static final String HISTORY = """
      select id, at, action, kind, detail from disclosure_history where owner_id = $1 and id < $2 order by id desc limit $3""";
  private static final String NOTIFY = "select pg_notify('" + DisclosureEvents.CHANNEL + "', $1)";

  private DisclosureRepository() {}

  record View(long id, long viewerId, String kind, OffsetDateTime at, String where) {}

  record Change(long id, OffsetDateTime at, String action, String kind, JsonObject detail) {}

  /** Every item of these owners in the organization, with their grants: one query for any number of owners. */
  static Future<List<StoredItem>> itemsOf(SqlClient db, long orgId, Collection<Long> ownerIds) {
    return db.preparedQuery(ITEMS_OF).execute(Tuple.tuple().addLong(orgId).addArrayOfLong(ownerIds.toArray(new Long[0]))).map(DisclosureRepository::items);
  }

  static Future<Long> upsertItem(SqlClient db, long orgId, long ownerId, ItemKind kind, byte[] sealed) {
    return db.preparedQuery(UPSERT_ITEM).execute(Tuple.of(orgId, ownerId, kind.dbName(), Buffer.buffer(sealed)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static Future<Long> itemId(SqlClient db, long ownerId, ItemKind kind) {
    return db.preparedQuery(ITEM_ID).execute(Tuple.of(ownerId, kind.dbName()))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
  }

  static Future<Void> replaceGrants(SqlClient db, long itemId, long ownerId, List<Grant> grants) {
    Future<Void> f = db.preparedQuery(DELETE_GRANTS_OF_ITEM).execute(Tuple.of(itemId)).mapEmpty();
    if (grants.isEmpty()) {
      return f;
    }
    List<Tuple> batch = new ArrayList<>();
    grants.forEach(g -> batch.add(Tuple.of(itemId, ownerId, g.audience().dbName(), g.targetId(), g.expiresAt())));
    return f.compose(v -> db.preparedQuery(INSERT_GRANT).executeBatch(batch).mapEmpty());
  }

  static Future<Integer> deleteGrantsOf(SqlClient db, long ownerId) {
    return db.preparedQuery(DELETE_GRANTS_OF_OWNER).execute(Tuple.of(ownerId)).map(RowSet::rowCount);
  }

  /** One row per (owner, kind) shown to the viewer, in one statement. */
  static Future<Void> logViews(SqlClient db, List<Long> ownerIds, long viewerId, List<String> kinds, String where) {
    if (ownerIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return db.preparedQuery(LOG_VIEWS).execute(Tuple.of(ownerIds.toArray(new Long[0]), viewerId, kinds.toArray(new String[0]), where))
        .mapEmpty();
  }

  static Future<List<View>> accessLog(SqlClient db, long ownerId, long before, int limit) {
    return page(db, ACCESS_LOG, ownerId, before, limit, r -> new View(r.getLong("id"), r.getLong("viewer_id"), r.getString("kind"),
        r.getOffsetDateTime("at"), r.getString("shown_where")));
  }

  static Future<Void> recordChange(SqlClient db, long ownerId, String action, String kind, JsonObject detail) {
    return db.preparedQuery(INSERT_HISTORY).execute(Tuple.of(ownerId, action, kind, detail)).mapEmpty();
  }

  static Future<List<Change>> history(SqlClient db, long ownerId, long before, int limit) {
    return page(db, HISTORY, ownerId, before, limit, r -> new Change(r.getLong("id"), r.getOffsetDateTime("at"), r.getString("action"),
        r.getString("kind"), r.getJsonObject("detail")));
  }

  /** One page of an owner's log, newest first: rows before the cursor id. */
  private static <T> Future<List<T>> page(SqlClient db, String sql, long ownerId, long before, int limit, Function<Row, T> map) {
    return db.preparedQuery(sql).execute(Tuple.of(ownerId, before, limit)).map(rows -> Rows.map(rows, map));
  }

  /** Delivered by PostgreSQL only if the surrounding transaction commits, to every node's listener. */
  static Future<Void> notifyChanged(SqlClient db, long ownerId) {
    return db.preparedQuery(NOTIFY).execute(Tuple.of(String.valueOf(ownerId))).mapEmpty();
  }

  private static List<StoredItem> items(RowSet<Row> rows) {
    Map<Long, StoredItem> byId = new LinkedHashMap<>();
    for (Row r : rows) {
      long id = r.getLong("id");
      StoredItem item = byId.computeIfAbsent(id, k -> new StoredItem(id, r.getLong("org_id"), r.getLong("owner_id"),
          ItemKind.parse(r.getString("kind")), r.getBuffer("content").getBytes(), r.getOffsetDateTime("updated_at"), new ArrayList<>()));
      String audience = r.getString("audience");
      if (audience != null) {
        item.grants().add(new Grant(Audience.find(audience).orElseThrow(), r.getLong("target_id"), r.getOffsetDateTime("expires_at")));
      }
    }
    return new ArrayList<>(byId.values());
  }
}
