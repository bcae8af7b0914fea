package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.relations.DriftSummaries;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record's role-clarity section and check-in drift flags (issue 4): a draft offers the
 * supervisee's open flags, the supervisor marks the discussed ones, signing resolves them with the
 * record's id. Check-ins decides what this supervisor may see and resolve.
 */
final class RoleClarity {
  private static final Logger LOG = LoggerFactory.getLogger(RoleClarity.class);
  private final DriftSummaries drift;

  RoleClarity(DriftSummaries drift) {
    this.drift = drift;
  }

  /** The supervisee's open drift flags as check-ins lets this supervisor see them. */
  Future<List<JsonObject>> openFlags(CurrentUser me, long superviseeId) {
    return drift.openFlags(me, List.of(superviseeId)).map(m -> m.getOrDefault(superviseeId, List.of()));
  }

  /** Refuses discussed flags that are not open flags of the supervisee (400); returns the discussed flags themselves. */
  Future<List<JsonObject>> discussed(CurrentUser me, long superviseeId, JsonObject content) {
    List<Long> ids = RecordContent.discussedFlagIds(content);
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return openFlags(me, superviseeId).map(open -> {
      Set<Long> openIds = new HashSet<>();
      open.forEach(f -> openIds.add(f.getLong("id")));
      RecordContent.requireOpenFlags(ids, openIds);
      return open.stream().filter(f -> ids.contains(f.getLong("id"))).toList();
    });
  }

  /**
   * Resolves the discussed flags once the record is signed. Check-ins owns its own transaction, so this
   * runs after the record commits; should it fail, the flags simply stay open and come up again in the
   * next session's role-clarity section, so the failure is logged rather than undoing a signature.
   */
  Future<Void> resolve(CurrentUser me, long recordId, List<JsonObject> discussed) {
    if (discussed.isEmpty()) {
      return Future.succeededFuture();
    }
    long peer = discussed.get(0).getLong("peerId");
    List<Long> ids = discussed.stream().map(f -> f.getLong("id")).toList();
    return drift.resolveFlags(me, peer, ids, recordId).recover(err -> {
      LOG.warn("Record {} is signed but its drift flags {} stay open: {}", recordId, ids, err.toString());
      return Future.succeededFuture();
    });
  }
}
