package io.mooring.disclosure;

import io.mooring.platform.auth.Keys;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * {@code rotate-content-key}: re-seals every item's content with the current content key, in batches, while the
 * servers keep running. Each row is replaced only if it still holds what was read (compare and set), so an owner's
 * save in between is never overwritten; rows left on an earlier key by such a save are picked up by the next pass.
 */
public final class ContentKeyRotation {
  private static final String BATCH = """
      select id, owner_id, kind, content from disclosure_items where id > $1 order by id limit $2""";
  private static final String RESEAL = "update disclosure_items set content = $2 where id = $1 and content = $3";
  private static final int MAX_PASSES = 5;

  /** What a rotation did: rows re-sealed, rows already on the current key, rows still on an earlier key. */
  public record Result(long resealed, long alreadyCurrent, long left) {}

  private final Pool pool;
  private final ContentCipher cipher;
  private final int batchSize;

  public ContentKeyRotation(Pool pool, Keys keys, int batchSize) {
    this.pool = pool;
    this.cipher = new ContentCipher(keys.contentKey(), keys.previousContentKeys());
    this.batchSize = batchSize;
  }

  /** Passes over the table until no row is left on an earlier key (or {@value #MAX_PASSES} passes). */
  public Future<Result> run() {
    return pass(0, new long[3], 1);
  }

  private Future<Result> pass(long afterId, long[] counts, int passNo) {
    return pool.preparedQuery(BATCH).execute(Tuple.of(afterId, batchSize)).compose(rows -> {
      if (rows.size() == 0) {
        long left = counts[2];
        if (left == 0 || passNo >= MAX_PASSES) {
          return Future.succeededFuture(new Result(counts[0], counts[1], left));
        }
        counts[2] = 0;
        return pass(0, counts, passNo + 1);
      }
      Future<Void> all = Future.succeededFuture();
      long last = afterId;
      for (Row r : rows) {
        last = r.getLong("id");
        all = all.compose(v -> reseal(r, counts, passNo));
      }
      long next = last;
      return all.compose(v -> pass(next, counts, passNo));
    });
  }

  private Future<Void> reseal(Row r, long[] counts, int passNo) {
    byte[] stored = r.getBuffer("content").getBytes();
    if (cipher.isCurrent(stored)) {
      if (passNo == 1) {
        counts[1]++;
      }
      return Future.succeededFuture();
    }
    byte[] aad = ContentCipher.aad(r.getLong("owner_id"), r.getString("kind"));
    byte[] resealed = cipher.encrypt(cipher.decrypt(stored, aad), aad);
    return pool.preparedQuery(RESEAL).execute(Tuple.of(r.getLong("id"), Buffer.buffer(resealed), Buffer.buffer(stored)))
        .map(done -> {
          if (done.rowCount() == 1) {
            counts[0]++;
          } else {
            counts[2]++;
          }
          return null;
        });
  }
}
