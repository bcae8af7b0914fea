package io.mooring.disclosure;

import io.mooring.platform.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells owners of every new viewer of their items, however access came about (a new pairing,
 * teammate or circle member, a re-activated account): a periodic sweep runs {@link ItemViewers#detect}
 * for owners with saved items, {@value #OWNERS_PER_RUN} per run in owner order, and writes a notice
 * for each newcomer the owner has not been told of. The notice's key names the owner, item, viewer and
 * when access began, so repeated sweeps and several nodes tell each newcomer once; access that ends and
 * begins again is news again. Newcomers from the owner's own audience choice count as told already.
 */
final class NewViewerNotices {
  static final int OWNERS_PER_RUN = 200;
  private static final String OWNERS = """
      select distinct owner_id, org_id from disclosure_items where owner_id > $1 order by owner_id limit $2""";

  private final Pool pool;
  private final ItemViewers viewers;
  private final Notifications notices;
  private volatile long after;

  NewViewerNotices(Pool pool, ItemViewers viewers, Notifications notices) {
    this.pool = pool;
    this.viewers = viewers;
    this.notices = notices;
    notices.jobs().every("new viewers of disclosure items", Duration.ofMinutes(1), this::sweep);
  }

  /** One batch of owners (wrapping round at the end); answers how many people were told of a new viewer. */
  Future<Integer> sweep() {
    return pool.preparedQuery(OWNERS).execute(Tuple.of(after, OWNERS_PER_RUN)).compose(rows -> {
      after = rows.size() < OWNERS_PER_RUN ? 0 : last(rows);
      List<Future<Integer>> told = new ArrayList<>();
      for (Row r : rows) {
        told.add(tell(r.getLong("owner_id"), r.getLong("org_id")));
      }
      return Future.all(told).map(done -> told.stream().mapToInt(Future::result).sum());
    });
  }

  private Future<Integer> tell(long ownerId, long orgId) {
    return viewers.detect(ownerId, orgId, false).compose(report -> {
      List<Future<Integer>> writes = new ArrayList<>();
      for (ItemViewers.NewViewer n : report.newSinceLastVisit()) {
        String key = ownerId + ":" + n.kind().dbName() + ":" + n.viewerId() + ":" + n.since().toInstant().getEpochSecond();
        writes.add(notices.newViewer(pool, orgId, ownerId, n.viewerName(), key));
      }
      return Future.all(writes).map(done -> writes.stream().mapToInt(Future::result).sum());
    });
  }

  private static long last(io.vertx.sqlclient.RowSet<Row> rows) {
    long max = 0;
    for (Row r : rows) {
      max = Math.max(max, r.getLong("owner_id"));
    }
    return max;
  }
}
