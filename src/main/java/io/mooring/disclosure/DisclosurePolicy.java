package io.mooring.disclosure;

import io.mooring.circles.CircleMembership;
import io.mooring.people.PeopleService;
import io.mooring.supervision.Pairings;
import io.vertx.core.Future;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one answer to "may viewer V see item I of person S now?". The decision is pure
 * ({@link #canSee}); the viewer's relationships are read fresh from the seams on every request
 * ({@link #viewer}), so leaving a team or circle, or an ended pairing, takes effect at once.
 * Roles never widen access: an administrator is just another colleague here.
 */
public final class DisclosurePolicy {
  private final Pairings pairings;
  private final CircleMembership circles;
  private final PeopleService people;

  public DisclosurePolicy(Pairings pairings, CircleMembership circles, PeopleService people) {
    this.pairings = pairings;
    this.circles = circles;
    this.people = people;
  }

  /**
   * The viewer's current relationships: whom they supervise (and in which pairings), the circles they
   * are in with each circle's current members, their teammates. Loaded in three queries plus one per
   * circle the viewer belongs to, however many subjects are asked about.
   */
  public record Viewer(long id, long orgId, Set<Long> supervisees, Set<Long> supervisedPairings, Map<Long, Set<Long>> circleMembers,
                       Set<Long> teammates) {
    /** Someone with no relationships at all (a stranger in the organization). */
    public static Viewer stranger(long id, long orgId) {
      return new Viewer(id, orgId, Set.of(), Set.of(), Map.of(), Set.of());
    }
  }

  public Future<Viewer> viewer(long viewerId, long orgId) {
    return Future.all(pairings.activeFor(viewerId), circleMembers(viewerId), people.teammatesOf(viewerId)).map(all -> {
      Set<Long> supervisees = new HashSet<>();
      Set<Long> pairingIds = new HashSet<>();
      for (Pairings.Pairing p : all.<java.util.List<Pairings.Pairing>>resultAt(0)) {
        if (p.active() && p.supervisorId() == viewerId && p.orgId() == orgId) {
          supervisees.add(p.superviseeId());
          pairingIds.add(p.id());
        }
      }
      return new Viewer(viewerId, orgId, Set.copyOf(supervisees), Set.copyOf(pairingIds),
          all.<Map<Long, Set<Long>>>resultAt(1), Set.copyOf(all.<Collection<Long>>resultAt(2)));
    });
  }

  /** Each circle the viewer is in, with its current members (the owner must still be one for a circle grant to count). */
  private Future<Map<Long, Set<Long>>> circleMembers(long viewerId) {
    return circles.circlesOf(viewerId).compose(ids -> {
      List<Future<List<Long>>> members = ids.stream().map(circles::membersOf).toList();
      return Future.all(members).map(all -> {
        Map<Long, Set<Long>> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
          out.put(ids.get(i), Set.copyOf(members.get(i).result()));
        }
        return Map.copyOf(out);
      });
    });
  }

  /** May this viewer see an item of {@code ownerId} (in {@code ownerOrgId}) carrying these grants, at {@code now}? */
  public static boolean canSee(Viewer v, long ownerId, long ownerOrgId, Collection<Grant> grants, OffsetDateTime now) {
    if (v.id() == ownerId) {
      return true;
    }
    if (v.orgId() != ownerOrgId) {
      return false;
    }
    for (Grant g : grants) {
      if (!g.expired(now) && opens(v, ownerId, g)) {
        return true;
      }
    }
    return false;
  }

  /** Whether one unexpired grant of {@code ownerId}'s item reaches this viewer. */
  static boolean opens(Viewer v, long ownerId, Grant g) {
    switch (g.audience()) {
      case PERSON:
        return g.targetId() != null && g.targetId() == v.id();
      case SUPERVISORS:
        return v.supervisees().contains(ownerId);
      case PAIRING:
        // The pairing was checked to be the owner's at grant time; it counts only while active and the viewer supervises in it.
        return v.supervisedPairings().contains(g.targetId()) && v.supervisees().contains(ownerId);
      case CIRCLE:
        // Both still members: leaving the circle (either side) ends what the grant gave.
        Set<Long> members = v.circleMembers().get(g.targetId());
        return members != null && members.contains(ownerId);
      case TEAM:
        return v.teammates().contains(ownerId);
      case ORGANIZATION:
        return true;
      default:
        return false;
    }
  }
}
