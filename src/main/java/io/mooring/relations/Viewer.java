package io.mooring.relations;

import java.util.Map;
import java.util.Set;

/**
 * One person's current ties to the owners of items, as {@link Entitlement} counts them: only
 * active accounts, only roles the matching feature requires. {@code supervisees} and
 * {@code supervisedPairings} come from active pairings in which this person holds the supervisor
 * role; {@code circleMembers} maps each live circle to the other members who are active peers
 * (as the circle pages count them); {@code teammates} are active people sharing a team.
 */
public record Viewer(long id, long orgId, boolean active, Set<Long> supervisees, Set<Long> supervisedPairings,
                     Map<Long, Set<Long>> circleMembers, Set<Long> teammates) {

  /** An active person with no relationships at all (a stranger in the organization). */
  public static Viewer stranger(long id, long orgId) {
    return new Viewer(id, orgId, true, Set.of(), Set.of(), Map.of(), Set.of());
  }

  /** Someone who may see nothing of anyone else: deactivated, or not found in the organization. */
  public static Viewer nobody(long id, long orgId) {
    return new Viewer(id, orgId, false, Set.of(), Set.of(), Map.of(), Set.of());
  }
}
