package io.mooring.platform.notify;

import io.vertx.core.Future;

/**
 * A feature's last word before an e-mail goes out: may this person still hear of the event behind
 * {@code link} (still the pairing's supervisor, still a facilitator of that circle…)? Registered per
 * kind with {@link Notifications#checkBeforeSending}; the platform itself already checks that the
 * account is active, in the organization, holds the kind's role and still wants e-mail of this kind.
 */
@FunctionalInterface
public interface DeliveryCheck {
  Future<Boolean> stillEntitled(long recipientId, String link);

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
