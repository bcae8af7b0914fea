package io.mooring.relations;

/**
 * The relationships an owner can open something to. Each answers "does this viewer stand in this
 * relation to the owner right now?" from a {@link Viewer} whose ties were counted by the one set
 * of rules in {@link Entitlement}; nothing here looks at titles such as "administrator".
 */
public enum Relation {
  /** One named colleague ({@code targetId} is their user id). */
  PERSON,
  /** Anyone who supervises the owner in an active pairing. */
  SUPERVISOR,
  /** The supervisor of one active pairing of the owner ({@code targetId} is the pairing id). */
  PAIRING_SUPERVISOR,
  /** A fellow member of one circle ({@code targetId} is the circle id). */
  CIRCLE_PEER,
  /** Anyone sharing a team with the owner. */
  TEAMMATE,
  /** Any active colleague in the owner's organization. */
  COLLEAGUE;

  /** Whether {@code v} stands in this relation to {@code ownerId} (in {@code ownerOrgId}) now. */
  public boolean reaches(Viewer v, long ownerId, long ownerOrgId, Long targetId) {
    if (!v.active() || v.orgId() != ownerOrgId || v.id() == ownerId) {
      return false;
    }
    return switch (this) {
      case PERSON -> targetId != null && targetId == v.id();
      case SUPERVISOR -> v.supervisees().contains(ownerId);
      // The pairing counts only while active and this viewer supervises the owner in it.
      case PAIRING_SUPERVISOR -> targetId != null && v.supervisedPairings().contains(targetId) && v.supervisees().contains(ownerId);
      // Both still members as the circle pages count them: leaving (either side) or losing the peer role ends it.
      case CIRCLE_PEER -> targetId != null && v.circleMembers().getOrDefault(targetId, java.util.Set.of()).contains(ownerId);
      case TEAMMATE -> v.teammates().contains(ownerId);
      case COLLEAGUE -> true;
    };
  }
}
