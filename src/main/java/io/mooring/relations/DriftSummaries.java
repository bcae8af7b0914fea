package io.mooring.relations;

import io.mooring.platform.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What supervision asks check-ins: the peer's latest drift picture as the peer chose to share it
 * with this supervisor, and open drift flags. Implemented by the check-in service; enforces the
 * peer's sharing choices itself, so a caller can never see more than the peer allowed. Defined here,
 * below both features, so supervision depends on this seam and not on the checkins package.
 */
public interface DriftSummaries {

  /** The latest check-in summary of {@code peerId} as shared with {@code supervisor}; empty when none. */
  Future<Optional<JsonObject>> latestShared(CurrentUser supervisor, long peerId);

  /** Open drift flags per supervisee (only supervisees this supervisor currently supervises). */
  Future<Map<Long, List<JsonObject>>> openFlags(CurrentUser supervisor, Collection<Long> peerIds);

  /** Marks flags as discussed in a supervision record. */
  Future<Void> resolveFlags(CurrentUser supervisor, long peerId, Collection<Long> flagIds, long supervisionRecordId);
}
