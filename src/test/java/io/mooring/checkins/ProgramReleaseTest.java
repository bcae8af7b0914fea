package io.mooring.checkins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The differencing rule on its own: size, symmetric difference in peers, and who wins when two figures clash. */
class ProgramReleaseTest {
  static final int K = 5;

  /** Contributions where check-in i belongs to peer i (one check-in each). */
  static Map<Long, Long> peers(long... ids) {
    Map<Long, Long> m = new HashMap<>();
    Arrays.stream(ids).forEach(id -> m.put(id, id));
    return m;
  }

  static ProgramRelease.Candidate c(Map<Long, Long> contributions) {
    return new ProgramRelease.Candidate("2026-06", contributions);
  }

  @Test
  void smallGroupsAndNearDuplicatesAreSuppressedAndDistantGroupsAreNot() {
    List<ProgramRelease.Candidate> fresh = new ArrayList<>();
    List<String> out = ProgramRelease.decide(List.of(c(peers(1, 2, 3, 4, 5)), c(peers(1, 2, 3, 4, 5, 6)), c(peers(1, 2, 3, 4)),
        c(peers(6, 7, 8, 9, 10)), c(peers(1, 2, 3, 4, 5))), Map.of(), K, fresh);
    assertEquals(Arrays.asList(null, ProgramRelease.DIFFERENCING, ProgramRelease.SMALL_GROUP, null, null), out);
    assertEquals(2, fresh.size(), "identical figures are recorded once");
  }

  @Test
  void aFigureShownEarlierKeepsItsPlaceAndTheNewcomerIsHeldBack() {
    Map<String, List<Map<Long, Long>>> earlier = Map.of("2026-06", List.of(peers(1, 2, 3, 4, 5, 6)));
    List<String> out = ProgramRelease.decide(List.of(c(peers(1, 2, 3, 4, 5)), c(peers(1, 2, 3, 4, 5, 6))), earlier, K, new ArrayList<>());
    assertEquals(Arrays.asList(ProgramRelease.DIFFERENCING, null), out);
  }

  @Test
  void anotherCheckInBySomeoneAlreadyCountedIsADifferenceOfOnePeer() {
    Map<Long, Long> before = peers(1, 2, 3, 4, 5);
    Map<Long, Long> after = new HashMap<>(before);
    after.put(100L, 3L);
    assertEquals(1, ProgramRelease.peersDiffering(before, after));
    assertEquals(Arrays.asList((String) null), ProgramRelease.decide(List.of(c(before)), Map.of(), K, new ArrayList<>()));
    assertEquals(List.of(ProgramRelease.DIFFERENCING),
        ProgramRelease.decide(List.of(c(after)), Map.of("2026-06", List.of(before)), K, new ArrayList<>()));
    assertEquals(Arrays.asList((String) null),
        ProgramRelease.decide(List.of(c(after)), Map.of("2026-07", List.of(before)), K, new ArrayList<>()), "other months do not clash");
  }
}
