package io.mooring.platform.auth;

import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.http.AppException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Nobody widens their own access: an administrator cannot give their own account a role, a team,
 * or a supervision pairing, because each of those can make them a viewer of a peer's items. A
 * second administrator must do it, and the peer is then told (disclosure's new-viewer notice).
 * Every refusal is audited, like the change it stopped would have been.
 */
public final class SeparationOfDuties {
  public static final String MESSAGE = "Another administrator must do this for you.";

  private SeparationOfDuties() {}

  /** Whether this change is to the acting administrator's own account. */
  public static boolean isSelf(CurrentUser admin, long userId) {
    return admin.id() == userId;
  }

  /** Audits the refused attempt, then fails with 403 and {@link #MESSAGE}. */
  public static <T> Future<T> refuse(SqlClient db, CurrentUser admin, String attempted, String address) {
    return AuditLog.record(db, AuditLog.Entry.of(admin.orgId(), admin.id(), "separation_of_duties.refused")
            .subject("user", admin.id()).from(address).with("attempted", attempted))
        .compose(v -> Future.failedFuture(AppException.forbidden(MESSAGE + " You cannot " + attempted.replace('_', ' ')
            + " for your own account.")));
  }
}
