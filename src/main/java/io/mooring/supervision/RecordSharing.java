package io.mooring.supervision;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * The supervisee decides which of their other current supervisors may read a signed record. The
 * read rule itself lives in {@link RecordService#get} (through {@link ShareRepository#canRead}), so
 * an ended pairing or a revoked share stops access on the very next request.
 */
public final class RecordSharing {
  private final Pool pool;
  private final RecordService records;

  RecordSharing(Pool pool, RecordService records) {
    this.pool = pool;
    this.records = records;
  }

  public Future<List<ShareRepository.Share>> list(CurrentUser me, long sessionId) {
    return ownSigned(me, sessionId).compose(l -> ShareRepository.ofRecord(pool, sessionId));
  }

  public Future<Void> share(CurrentUser me, long sessionId, long supervisorId) {
    return ownSigned(me, sessionId).compose(l -> {
      if (supervisorId == l.access().pairing().supervisorId()) {
        throw AppException.invalid("supervisorId", "already sees this record: they wrote it");
      }
      return ShareRepository.currentSupervisor(pool, me.orgId(), supervisorId, me.id());
    }).compose(current -> {
      if (!current) {
        throw AppException.invalid("supervisorId", "must be one of your current supervisors");
      }
      return pool.withTransaction(tx -> ShareRepository.insert(tx, sessionId, supervisorId)
          .compose(v -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.record_shared")
              .subject("session", sessionId).with("supervisorId", supervisorId))));
    });
  }

  public Future<Void> revoke(CurrentUser me, long sessionId, long supervisorId) {
    return ownSigned(me, sessionId).compose(l -> pool.withTransaction(tx -> ShareRepository.delete(tx, sessionId, supervisorId)
        .compose(deleted -> {
          if (!deleted) {
            throw AppException.notFound("Share with " + supervisorId);
          }
          return AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "supervision.record_share_revoked")
              .subject("session", sessionId).with("supervisorId", supervisorId));
        })));
  }

  /** Only the supervisee shares, and only what their supervisor has signed. */
  private Future<RecordService.Loaded> ownSigned(CurrentUser me, long sessionId) {
    return records.load(pool, me, sessionId, false).map(l -> {
      l.access().role().require("Record of session " + sessionId, PairingRole.SUPERVISEE);
      if (l.record() == null) {
        throw AppException.notFound("Record of session " + sessionId);
      }
      if (l.record().status().equals("draft")) {
        throw AppException.conflict("Only a signed record can be shared.");
      }
      return l;
    });
  }
}
