package io.mooring.disclosure;

import io.mooring.relations.Entitlement;
import io.mooring.relations.Viewer;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Collection;

/**
 * The one answer to "may viewer V see item I of person S now?". The decision is pure
 * ({@link #canSee}); the viewer's relationships are read fresh on every request from
 * {@link Entitlement} ({@link #viewer}), which counts only active accounts holding the role each
 * feature requires, so leaving a team or circle, an ended pairing, losing a role or being
 * deactivated takes effect at once. Titles never widen access: an administrator is just another
 * colleague here.
 */
public final class DisclosurePolicy {
  private final Entitlement entitlement;

  public DisclosurePolicy(Entitlement entitlement) {
    this.entitlement = entitlement;
  }

  /** The viewer's current ties, in two queries however many subjects are asked about. */
  public Future<Viewer> viewer(long viewerId, long orgId) {
    return entitlement.viewer(viewerId, orgId);
  }

  /** May this viewer see an item of {@code ownerId} (in {@code ownerOrgId}) carrying these grants, at {@code now}? */
  public static boolean canSee(Viewer v, long ownerId, long ownerOrgId, Collection<Grant> grants, OffsetDateTime now) {
    if (v.id() == ownerId) {
      return true;
    }
    for (Grant g : grants) {
      if (!g.expired(now) && opens(v, ownerId, ownerOrgId, g)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one unexpired grant of {@code ownerId}'s item reaches this viewer. */
  static boolean opens(Viewer v, long ownerId, long ownerOrgId, Grant g) {
    return g.audience().relation.reaches(v, ownerId, ownerOrgId, g.targetId());
  }
}
