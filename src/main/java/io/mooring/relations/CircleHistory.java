package io.mooring.relations;

/**
 * The one rule for which of a circle's messages a member may read. A circle either lets new members
 * read its whole history ({@code circles.new_members_see_history}, the default) or shows each member
 * only what was committed after they joined ({@code circle_members.joined_after_seq}, set on every
 * insert by sql/V18). Every read path (history pages, the live socket's catch-up and delivery, search,
 * unread and mention counts, reporting, mention notifications) uses this text, given the aliases of
 * the member's {@code circle_members} row and of the {@code circles} row, so the rule cannot drift
 * between them. A caller that has no membership row for the reader must read nothing.
 */
public final class CircleHistory {
  private CircleHistory() {}

  /** SQL: the highest seq hidden from this member (0 when the circle shows them everything). */
  public static String hiddenThrough(String member, String circle) {
    return "(case when %2$s.new_members_see_history then 0 else %1$s.joined_after_seq end)".formatted(member, circle);
  }

  /** SQL: whether this member may read message row {@code message}. */
  public static String readable(String message, String member, String circle) {
    return "%s.seq > %s".formatted(message, hiddenThrough(member, circle));
  }
}
