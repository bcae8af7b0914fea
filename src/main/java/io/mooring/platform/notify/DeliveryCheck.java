package io.mooring.platform.notify;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A feature's last word before an e-mail goes out: may this person still hear of the event behind
 * {@code link} (still the pairing's supervisor, still a facilitator of that circle…)? Registered per
 * kind with {@link Notifications#checkBeforeSending}; the platform itself already checks that the
 * account is active, in the organization, holds the kind's role and still wants e-mail of this kind.
 */
@FunctionalInterface
public interface DeliveryCheck {
  Future<Boolean> stillEntitled(long recipientId, String link);

  /**
   * Which of {@code links} the recipient may still hear of (a failed check counts as no). By default each link
   * is checked on its own; a feature whose notices a person collects by the dozen answers them together, so that
   * a page's unread count costs a few queries rather than one or two per notice.
   */
  default Future<Set<String>> entitledLinks(long recipientId, Collection<String> links) {
    List<String> asked = new ArrayList<>(links);
    List<Future<Boolean>> each = asked.stream().map(l -> stillEntitled(recipientId, l).otherwise(false)).toList();
    return Future.join(each).transform(ar -> {
      Set<String> out = new HashSet<>();
      for (int i = 0; i < asked.size(); i++) {
        if (Boolean.TRUE.equals(each.get(i).result())) {
          out.add(asked.get(i));
        }
      }
      return Future.succeededFuture(out);
    });
  }

  /** The number right after {@code prefix} in a link such as {@code /circles/12}, or -1. */
  static long idAfter(String link, String prefix) {
    if (link == null || !link.startsWith(prefix)) {
      return -1;
    }
    String rest = link.substring(prefix.length());
    int end = 0;
    while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
      end++;
    }
    try {
      return end == 0 ? -1 : Long.parseLong(rest.substring(0, end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
