package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;

/**
 * The part the signed-in person plays in one pairing (its supervisor, its supervisee, an administrator
 * of its organization, or nobody); everything supervision shows is decided from this. Not to be confused
 * with {@link io.mooring.relations.Relation}, the kinds of tie a disclosure audience can name.
 */
public enum PairingRole {
  SUPERVISOR, SUPERVISEE, ADMIN, NONE,
  /** Another current supervisor of the peer, reading a signed record the peer shared with them; never from {@link #of}. */
  SHARED;

  public static PairingRole of(CurrentUser me, Pairings.Pairing p) {
    if (p == null || p.orgId() != me.orgId()) {
      return NONE;
    }
    // The supervisor's right lasts as long as the pairing and their supervisor role; the peer keeps their own records.
    if (p.supervisorId() == me.id() && p.active() && me.isSupervisor()) {
      return SUPERVISOR;
    }
    if (p.superviseeId() == me.id()) {
      return SUPERVISEE;
    }
    return me.isAdmin() ? ADMIN : NONE;
  }

  public boolean inPair() {
    return this == SUPERVISOR || this == SUPERVISEE;
  }

  /** Refuses unless the role is one of {@code allowed}; strangers learn nothing (404), known viewers get 403. */
  public PairingRole require(String what, PairingRole... allowed) {
    for (PairingRole r : allowed) {
      if (r == this) {
        return this;
      }
    }
    if (this == NONE) {
      throw AppException.notFound(what);
    }
    throw AppException.forbidden("Only " + names(allowed) + " can do this.");
  }

  private static String names(PairingRole... rs) {
    StringBuilder b = new StringBuilder();
    for (PairingRole r : rs) {
      b.append(b.length() == 0 ? "" : " or ").append(r == ADMIN ? "an administrator" : r == SHARED ? "a supervisor it was shared with" : "the " + r.name().toLowerCase());
    }
    return b.toString();
  }
}
