package io.mooring.disclosure;

import io.mooring.platform.db.Listener;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Owner X changed their disclosure settings", to every node: the service NOTIFYs inside its
 * transaction (PostgreSQL delivers only on commit) and the node's listener (platform.db.Listener)
 * republishes it on the local event bus, where open chat sockets refresh their profile cards. Without a
 * database address (nothing is heard) the change is published locally after commit instead.
 */
public final class DisclosureEvents {
  public static final String ADDRESS = "mooring.disclosure.changed";
  static final String CHANNEL = "disclosure_changed";
  private static final Logger log = LoggerFactory.getLogger(DisclosureEvents.class);

  private final Vertx vertx;
  private final boolean heard;

  DisclosureEvents(Vertx vertx, Listener listener) {
    this.vertx = vertx;
    this.heard = listener.enabled();
    listener.channel(CHANNEL, () -> {}, this::republish);
  }

  /** Called after a committed change; only needed when no listener carries the NOTIFY back. */
  void committed(long ownerId) {
    if (!heard) {
      publish(ownerId);
    }
  }

  private void republish(String payload) {
    try {
      publish(Long.parseLong(payload.trim()));
    } catch (NumberFormatException e) {
      log.warn("ignoring a malformed {} notification", CHANNEL);
    }
  }

  private void publish(long ownerId) {
    vertx.eventBus().publish(ADDRESS, new JsonObject().put("ownerId", ownerId));
  }
}
