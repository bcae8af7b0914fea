package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.util.List;

/**
 * One ordered stream of a circle that a {@link Room} follows from PostgreSQL: new messages by seq, or
 * changed messages (edits, deletions) by change number. Guarded by the room's lock; one reader at a time.
 */
final class Follow {
  final boolean changes;
  /** Highest seq (or change number) delivered to this node's sockets; -1 until read from the database. */
  long last = -1;
  /** Highest seq (or change number) announced by a notification, or known committed when LISTEN came back. */
  long announced = -1;
  boolean fetching;
  boolean again;

  Follow(boolean changes) {
    this.changes = changes;
  }

  long key(Message m) {
    return changes ? m.changeNo() : m.seq();
  }

  /** A row holds only its latest change number, so a superseded change is simply not read: its state is. */
  Future<List<Message>> read(SqlClient db, long circleId, long after, int limit) {
    return changes ? MessageRepository.changedAfter(db, circleId, after, limit) : MessageRepository.after(db, circleId, after, limit);
  }
}
