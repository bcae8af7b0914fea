package io.mooring.checkins;

import java.util.List;

/** A person's check-ins as this viewer may see them, with open flags and the due state. */
public record PersonView(long peerId, boolean own, List<CheckIn> checkIns, List<CheckIn.Flag> openFlags, Due due, int threshold,
                         List<CheckIn.Rating> ratings) {
  /** The supervisor ratings of one check-in this viewer may see. */
  public List<CheckIn.Rating> ratingsOf(long checkInId) {
    return ratings.stream().filter(r -> r.checkInId() == checkInId).toList();
  }
}
