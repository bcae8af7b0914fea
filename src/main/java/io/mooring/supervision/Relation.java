package io.mooring.supervision;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;

/** How the signed-in person stands to a pairing; everything supervision shows is decided from this. */
public enum Relation {
  SUPERVISOR, SUPERVISEE, ADMIN, NONE,
  /** Another current supervisor of the peer, reading a signed record the peer shared with them; never from {@link #of}. */
  SHARED;

  public static Relation of(CurrentUser me, Pairings.Pairing p) {
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

  /** Refuses unless the relation is one of {@code allowed}; strangers learn nothing (404), known viewers get 403. */
  public Relation require(String what, Relation... allowed) {
    for (Relation r : allowed) {
      if (r == this) {
        return this;
      }
    }
    if (this == NONE) {
      throw AppException.notFound(what);
    }
    throw AppException.forbidden("Only " + names(allowed) + " can do this.");
  }

  private static String names(Relation... rs) {
    StringBuilder b = new StringBuilder();
    for (Relation r : rs) {
      b.append(b.length() == 0 ? "" : " or ").append(r == ADMIN ? "an administrator" : r == SHARED ? "a supervisor it was shared with" : "the " + r.name().toLowerCase());
    }
    return b.toString();
  }
}
