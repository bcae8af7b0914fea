package io.mooring.supervision;

import io.mooring.supervision.Supervision.ActionItem;
import io.mooring.supervision.Supervision.AgendaItem;
import io.mooring.supervision.Supervision.Amendment;
import io.mooring.supervision.Supervision.Record;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** SQL for records, amendments, action items and agenda items. */
final class RecordRepository {
  private static final String COLS = """
      session_id, pairing_id, status, content, version, created_at, updated_at, finalized_by, finalized_at, content_hash,
      acknowledged_by, acknowledged_at, ack_comment""";
  private static final String INSERT = """
      insert into supervision_records (session_id, pairing_id, org_id, content) values ($1, $2, $3, $4) returning\s""" + COLS;
  private static final String BY_SESSION = "select " + COLS + " from supervision_records where org_id = $1 and session_id = $2";
  private static final String OF_PAIRINGS = "select " + COLS + " " + """
       from supervision_records where pairing_id = any($1) order by session_id desc limit $2""";
  /** Optimistic concurrency: the version in the WHERE is the one the writer read (If-Match). */
  private static final String UPDATE_DRAFT = """
      update supervision_records set content = $3, version = version + 1, updated_at = now()
       where session_id = $1 and version = $2 and status = 'draft' returning\s""" + COLS;
  private static final String FINALIZE = """
      update supervision_records set content = $3, version = version + 1, updated_at = now(), status = 'finalized',
             finalized_by = $4, finalized_at = now(), content_hash = $5
       where session_id = $1 and version = $2 and status = 'draft' returning\s""" + COLS;
  private static final String ACKNOWLEDGE = """
      update supervision_records set status = 'acknowledged', version = version + 1, acknowledged_by = $2, acknowledged_at = now(),
             ack_comment = $3 where session_id = $1 and status = 'finalized' returning\s""" + COLS;
  private static final String AMEND = """
      insert into supervision_amendments (session_id, author_id, body) values ($1, $2, $3)
      returning id, session_id, author_id, body, created_at""";
  private static final String AMENDMENTS = "select id, session_id, author_id, body, created_at from supervision_amendments where session_id = $1 order by id";
  private static final String ITEM_COLS = "id, pairing_id, origin_session_id, body, owner_id, due_date, status";
  private static final String OPEN_ITEMS = "select " + ITEM_COLS + " from supervision_action_items where pairing_id = any($1) and status = 'open' order by due_date nulls last, id";
  private static final String INSERT_ITEM = """
      insert into supervision_action_items (pairing_id, origin_session_id, body, owner_id, due_date) values ($1, $2, $3, $4, $5)""";
  private static final String CLOSE_ITEM = "update supervision_action_items set status = $2, closed_session_id = $3 where id = $1 and status = 'open'";
  private static final String REVIEW = "insert into supervision_item_reviews (session_id, item_id, decision) values ($1, $2, $3)";
  private static final String AGENDA_COLS = "id, pairing_id, author_id, body, session_id, created_at";
  private static final String PENDING_AGENDA = "select " + AGENDA_COLS + " from supervision_agenda_items where pairing_id = $1 and session_id is null order by id";
  private static final String SESSION_AGENDA = "select " + AGENDA_COLS + " from supervision_agenda_items where session_id = $1 order by id";
  private static final String INSERT_AGENDA = "insert into supervision_agenda_items (pairing_id, author_id, body) values ($1, $2, $3) returning " + AGENDA_COLS;
  private static final String BIND_AGENDA = "update supervision_agenda_items set session_id = $2 where pairing_id = $1 and session_id is null";

  private static final String DELETE_DRAFT = "delete from supervision_records where session_id = $1 and status = 'draft'";

  private RecordRepository() {}

  static Future<Void> deleteDraft(SqlClient db, long sessionId) {
    return db.preparedQuery(DELETE_DRAFT).execute(Tuple.of(sessionId)).mapEmpty();
  }

  static Future<Record> insert(SqlClient db, long sessionId, long pairingId, long orgId, JsonObject content) {
    return db.preparedQuery(INSERT).execute(Tuple.of(sessionId, pairingId, orgId, content)).map(rows -> map(rows.iterator().next()));
  }

  static Future<Optional<Record>> bySession(SqlClient db, long orgId, long sessionId) {
    return db.preparedQuery(BY_SESSION).execute(Tuple.of(orgId, sessionId)).map(RecordRepository::first);
  }

  static Future<List<Record>> ofPairings(SqlClient db, List<Long> pairingIds, int limit) {
    return db.preparedQuery(OF_PAIRINGS).execute(Tuple.of(pairingIds.toArray(new Long[0]), limit)).map(rows -> all(rows, RecordRepository::map));
  }

  static Future<Optional<Record>> updateDraft(SqlClient db, long sessionId, int version, JsonObject content) {
    return db.preparedQuery(UPDATE_DRAFT).execute(Tuple.of(sessionId, version, content)).map(RecordRepository::first);
  }

  static Future<Optional<Record>> finalizeDraft(SqlClient db, long sessionId, int version, JsonObject content, long by, String hash) {
    return db.preparedQuery(FINALIZE).execute(Tuple.of(sessionId, version, content, by, hash)).map(RecordRepository::first);
  }

  static Future<Optional<Record>> acknowledge(SqlClient db, long sessionId, long by, String comment) {
    return db.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(sessionId, by, comment)).map(RecordRepository::first);
  }

  static Future<Amendment> amend(SqlClient db, long sessionId, long authorId, String body) {
    return db.preparedQuery(AMEND).execute(Tuple.of(sessionId, authorId, body)).map(rows -> amendment(rows.iterator().next()));
  }

  static Future<List<Amendment>> amendments(SqlClient db, long sessionId) {
    return db.preparedQuery(AMENDMENTS).execute(Tuple.of(sessionId)).map(rows -> all(rows, RecordRepository::amendment));
  }

  static Future<List<ActionItem>> openItems(SqlClient db, List<Long> pairingIds) {
    if (pairingIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return db.preparedQuery(OPEN_ITEMS).execute(Tuple.of(pairingIds.toArray(new Long[0]))).map(rows -> all(rows, RecordRepository::item));
  }

  static Future<Void> insertItems(SqlClient db, List<Tuple> items) {
    return items.isEmpty() ? Future.succeededFuture() : db.preparedQuery(INSERT_ITEM).executeBatch(items).mapEmpty();
  }

  static Future<Void> review(SqlClient db, long sessionId, long itemId, String decision) {
    Future<Void> close = decision.equals("carried") ? Future.succeededFuture()
        : db.preparedQuery(CLOSE_ITEM).execute(Tuple.of(itemId, decision, sessionId)).mapEmpty();
    return close.compose(v -> db.preparedQuery(REVIEW).execute(Tuple.of(sessionId, itemId, decision))).mapEmpty();
  }

  static Future<List<AgendaItem>> pendingAgenda(SqlClient db, long pairingId) {
    return db.preparedQuery(PENDING_AGENDA).execute(Tuple.of(pairingId)).map(rows -> all(rows, RecordRepository::agenda));
  }

  static Future<List<AgendaItem>> sessionAgenda(SqlClient db, long sessionId) {
    return db.preparedQuery(SESSION_AGENDA).execute(Tuple.of(sessionId)).map(rows -> all(rows, RecordRepository::agenda));
  }

  static Future<AgendaItem> addAgenda(SqlClient db, long pairingId, long authorId, String body) {
    return db.preparedQuery(INSERT_AGENDA).execute(Tuple.of(pairingId, authorId, body)).map(rows -> agenda(rows.iterator().next()));
  }

  static Future<Void> bindAgenda(SqlClient db, long pairingId, long sessionId) {
    return db.preparedQuery(BIND_AGENDA).execute(Tuple.of(pairingId, sessionId)).mapEmpty();
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> f) {
    List<T> out = new ArrayList<>();
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }

  private static Optional<Record> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(map(rows.iterator().next()));
  }

  static Record map(Row r) {
    return new Record(r.getLong("session_id"), r.getLong("pairing_id"), r.getString("status"), r.getJsonObject("content"),
        r.getInteger("version"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getLong("finalized_by"),
        r.getOffsetDateTime("finalized_at"), r.getString("content_hash"), r.getLong("acknowledged_by"),
        r.getOffsetDateTime("acknowledged_at"), r.getString("ack_comment"));
  }

  private static ActionItem item(Row r) {
    LocalDate due = r.getLocalDate("due_date");
    return new ActionItem(r.getLong("id"), r.getLong("pairing_id"), r.getLong("origin_session_id"), r.getString("body"),
        r.getLong("owner_id"), due, r.getString("status"));
  }

  private static AgendaItem agenda(Row r) {
    return new AgendaItem(r.getLong("id"), r.getLong("pairing_id"), r.getLong("author_id"), r.getString("body"),
        r.getLong("session_id"), r.getOffsetDateTime("created_at"));
  }

  private static Amendment amendment(Row r) {
    return new Amendment(r.getLong("id"), r.getLong("session_id"), r.getLong("author_id"), r.getString("body"),
        r.getOffsetDateTime("created_at"));
  }
}
