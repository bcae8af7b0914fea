package io.mooring.notifications;

import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Role;
import io.mooring.platform.http.AppException;
import io.mooring.platform.notify.NotificationKind;
import io.mooring.platform.notify.NotificationKind.Channel;
import io.mooring.platform.notify.Notifications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person's own notifications: the list with its unread count, marking read, and per-kind choices.
 * Everything is keyed by the signed-in person; someone else's notification does not exist (404).
 */
public final class NotificationService {
  /** How many of the newest unread notifications the navigation's count checks. */
  static final int COUNTED = 100;
  private final Pool pool;
  private final Notifications notices;

  public NotificationService(Pool pool, Notifications notices) {
    this.pool = pool;
    this.notices = notices;
  }

  /** The reader's organization's time zone, for showing times as it keeps them. */
  public Future<ZoneId> zone(CurrentUser me) {
    return notices.directory().timeZone(me.orgId());
  }

  public record Page(List<Notification> items, int unread, Long nextBefore) {}

  /** One preference row: the kind, its label, and the channel in effect (the default when never chosen). */
  public record Preference(NotificationKind kind, Channel channel) {}

  /**
   * Newest first. Each item passes the delivery rule again now ({@link Notifications#entitledLinks}: the
   * kind's role, still one of the pair, still the peer's supervisor…), the same rule e-mail goes by: one
   * that no longer does is left out and marked read, so the count agrees.
   */
  public Future<Page> list(CurrentUser me, Long before, int limit) {
    long cursor = before == null ? Long.MAX_VALUE : before;
    return NotificationRepository.page(pool, me.id(), cursor, limit).compose(items -> {
      Long next = items.size() == limit ? items.get(items.size() - 1).id() : null;
      return visible(me, items).compose(shown -> unread(me).map(unread -> new Page(shown, unread, next)));
    });
  }

  /**
   * The navigation's count: unread notifications the reader may still see, by the same rule as the list
   * (the newest {@value #COUNTED} unread are checked, so the count shows at most that many).
   */
  public Future<Integer> unread(CurrentUser me) {
    return NotificationRepository.unread(pool, me.id(), COUNTED).compose(items -> visible(me, items)).map(List::size);
  }

  /** Marks one read and answers it; one the reader may no longer see is a 404, as if it did not exist. */
  public Future<Notification> markRead(CurrentUser me, long id) {
    return NotificationRepository.markRead(pool, me.id(), id)
        .map(found -> found.orElseThrow(() -> AppException.notFound("That notification")))
        .compose(n -> visible(me, List.of(n)))
        .map(shown -> shown.stream().findFirst().orElseThrow(() -> AppException.notFound("That notification")));
  }

  /**
   * Those of {@code items} the reader may still see; the unread rest are withdrawn (marked read). Asked one kind
   * at a time, with all of that kind's links together ({@link Notifications#entitledLinks}).
   */
  private Future<List<Notification>> visible(CurrentUser me, List<Notification> items) {
    Set<String> roles = me.roles().stream().map(Role::dbName).collect(Collectors.toSet());
    Map<NotificationKind, Set<String>> linksByKind = new EnumMap<>(NotificationKind.class);
    items.forEach(n -> NotificationKind.byCode(n.kind()).ifPresent(k -> linksByKind.computeIfAbsent(k, x -> new HashSet<>()).add(n.link())));
    Map<NotificationKind, Future<Set<String>>> asked = new EnumMap<>(NotificationKind.class);
    linksByKind.forEach((k, links) -> asked.put(k, notices.entitledLinks(k, me.id(), roles, links)));
    return Future.join(List.copyOf(asked.values())).transform(ar -> {
      List<Notification> shown = new ArrayList<>();
      List<Long> withdrawn = new ArrayList<>();
      for (Notification n : items) {
        Future<Set<String>> allowed = NotificationKind.byCode(n.kind()).map(asked::get).orElse(null);
        if (allowed != null && allowed.succeeded() && allowed.result().contains(n.link())) {
          shown.add(n);
        } else if (!n.read()) {
          withdrawn.add(n.id());
        }
      }
      return NotificationRepository.markRead(pool, me.id(), withdrawn).map(shown);
    });
  }

  public Future<Integer> markAllRead(CurrentUser me) {
    return NotificationRepository.markAllRead(pool, me.id());
  }

  public boolean mailEnabled() {
    return notices.mailEnabled();
  }

  public Future<List<Preference>> preferences(CurrentUser me) {
    return NotificationRepository.preferences(pool, me.id()).map(chosen -> {
      List<Preference> out = new ArrayList<>();
      for (NotificationKind k : NotificationKind.values()) {
        String c = chosen.get(k.code());
        out.add(new Preference(k, c == null ? k.defaultChannel() : Channel.byCode(c).orElse(k.defaultChannel())));
      }
      return out;
    });
  }

  /** Sets the given kinds (code → channel code); unknown kinds or channels are a 400 naming the kind. */
  public Future<List<Preference>> setPreferences(CurrentUser me, Map<String, String> channels) {
    Map<String, String> checked = new LinkedHashMap<>();
    channels.forEach((kind, channel) -> {
      NotificationKind k = NotificationKind.byCode(kind)
          .orElseThrow(() -> AppException.invalid(kind, "is not a kind of notification"));
      Channel c = Channel.byCode(channel == null ? "" : channel)
          .orElseThrow(() -> AppException.invalid(kind, "must be app, email or off"));
      checked.put(k.code(), c.code());
    });
    return NotificationRepository.setPreferences(pool, me.id(), checked).compose(v -> preferences(me));
  }
}
