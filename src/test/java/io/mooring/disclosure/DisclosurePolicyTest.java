package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.relations.Viewer;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure decision: every audience against every kind of viewer, expiry, and no role override. */
class DisclosurePolicyTest {
  static final long ORG = 1;
  static final long OWNER = 10;
  static final long PAIRING = 500;
  static final long CIRCLE = 70;
  static final OffsetDateTime NOW = OffsetDateTime.parse("2026-06-01T12:00:00Z");

  static final Viewer OWNER_SELF = Viewer.stranger(OWNER, ORG);
  static final Viewer NAMED = Viewer.stranger(11, ORG);
  static final Viewer STRANGER = Viewer.stranger(12, ORG);
  static final Viewer TEAMMATE = new Viewer(13, ORG, true, Set.of(), Set.of(), Map.of(), Set.of(OWNER));
  static final Viewer CIRCLE_MEMBER = new Viewer(14, ORG, true, Set.of(), Set.of(), Map.of(CIRCLE, Set.of(14L, OWNER)), Set.of());
  static final Viewer OTHER_CIRCLE_MEMBER = new Viewer(15, ORG, true, Set.of(), Set.of(), Map.of(CIRCLE + 1, Set.of(15L, OWNER)), Set.of());
  static final Viewer SUPERVISOR = new Viewer(16, ORG, true, Set.of(OWNER), Set.of(PAIRING), Map.of(), Set.of());
  static final Viewer OTHER_PAIRING_SUPERVISOR = new Viewer(17, ORG, true, Set.of(OWNER), Set.of(PAIRING + 1), Map.of(), Set.of());
  static final Viewer SUPERVISOR_OF_SOMEONE_ELSE = new Viewer(18, ORG, true, Set.of(99L), Set.of(PAIRING), Map.of(), Set.of());
  /** Relationships of someone in another organization, even if they look like ours. */
  static final Viewer OTHER_ORG = new Viewer(19, ORG + 1, true, Set.of(OWNER), Set.of(PAIRING), Map.of(CIRCLE, Set.of(19L, OWNER)), Set.of(OWNER));

  /** Still in the circle, but the owner has left it. */
  static final Viewer CIRCLE_MEMBER_OWNER_LEFT = new Viewer(21, ORG, true, Set.of(), Set.of(), Map.of(CIRCLE, Set.of(21L)), Set.of());

  static final Map<String, Grant> GRANTS = Map.of(
      "person", new Grant(Audience.PERSON, 11L, null),
      "supervisors", new Grant(Audience.SUPERVISORS, null, null),
      "pairing", new Grant(Audience.PAIRING, PAIRING, null),
      "circle", new Grant(Audience.CIRCLE, CIRCLE, null),
      "team", new Grant(Audience.TEAM, null, null),
      "organization", new Grant(Audience.ORGANIZATION, null, null));

  static boolean sees(Viewer v, List<Grant> grants) {
    return DisclosurePolicy.canSee(v, OWNER, ORG, grants, NOW);
  }

  @Test
  void theOwnerAlwaysSeesAndNobodyElseSeesAnItemWithNoGrants() {
    assertTrue(sees(OWNER_SELF, List.of()));
    for (Viewer v : List.of(NAMED, STRANGER, TEAMMATE, CIRCLE_MEMBER, SUPERVISOR, OTHER_ORG)) {
      assertFalse(sees(v, List.of()), "only me must hide from " + v);
    }
  }

  @Test
  void eachAudienceOpensToExactlyItsViewers() {
    Map<Viewer, Set<String>> expected = Map.of(
        NAMED, Set.of("person", "organization"),
        STRANGER, Set.of("organization"),
        TEAMMATE, Set.of("team", "organization"),
        CIRCLE_MEMBER, Set.of("circle", "organization"),
        OTHER_CIRCLE_MEMBER, Set.of("organization"),
        CIRCLE_MEMBER_OWNER_LEFT, Set.of("organization"),
        SUPERVISOR, Set.of("supervisors", "pairing", "organization"),
        OTHER_PAIRING_SUPERVISOR, Set.of("supervisors", "organization"),
        SUPERVISOR_OF_SOMEONE_ELSE, Set.of("organization"),
        OTHER_ORG, Set.of());
    expected.forEach((viewer, opens) -> GRANTS.forEach((name, grant) ->
        assertEquals(opens.contains(name), sees(viewer, List.of(grant)), name + " for viewer " + viewer.id())));
  }

  @Test
  void anExpiredGrantOpensNothingAndAnotherLiveGrantStillCounts() {
    Grant expired = new Grant(Audience.ORGANIZATION, null, NOW.minusSeconds(1));
    Grant atNow = new Grant(Audience.ORGANIZATION, null, NOW);
    Grant later = new Grant(Audience.TEAM, null, NOW.plusDays(1));
    assertFalse(sees(STRANGER, List.of(expired)));
    assertFalse(sees(STRANGER, List.of(atNow)));
    assertTrue(sees(TEAMMATE, List.of(expired, later)));
    assertFalse(sees(STRANGER, List.of(expired, later)));
  }

  @Test
  void aDeactivatedViewerIsReachedByNoAudienceEvenWithAllTheTies() {
    // Entitlement marks a deactivated account (or one outside the organization) as inactive: nothing opens to it.
    Viewer deactivated = new Viewer(22, ORG, false, Set.of(OWNER), Set.of(PAIRING), Map.of(CIRCLE, Set.of(OWNER)), Set.of(OWNER));
    GRANTS.forEach((name, grant) -> assertFalse(sees(deactivated, List.of(grant)), name));
    assertFalse(sees(Viewer.nobody(11, ORG), List.of(GRANTS.get("person"))));
    // The same ties on an active account open everything but the named-person grant.
    Viewer active = new Viewer(22, ORG, true, Set.of(OWNER), Set.of(PAIRING), Map.of(CIRCLE, Set.of(OWNER)), Set.of(OWNER));
    GRANTS.forEach((name, grant) -> assertEquals(!name.equals("person"), sees(active, List.of(grant)), name));
  }

  @Test
  void aViewersRolesPlayNoPart() {
    // Viewer carries no roles at all: the decision cannot depend on being an administrator or supervisor by title.
    assertEquals(7, Viewer.class.getRecordComponents().length);
    assertFalse(sees(Viewer.stranger(20, ORG), List.of(GRANTS.get("supervisors"), GRANTS.get("pairing"), GRANTS.get("team"))));
  }
}
