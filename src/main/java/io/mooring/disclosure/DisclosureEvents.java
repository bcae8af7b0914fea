package io.mooring.disclosure;

import io.mooring.platform.db.DbUrl;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Owner X changed their disclosure settings", to every node: the service NOTIFYs inside its
 * transaction (PostgreSQL delivers only on commit) and one listener per node republishes on the
 * local event bus, where open chat sockets refresh their profile cards. Without a database address
 * (single embedded node) the change is published locally after commit instead.
 */
public final class DisclosureEvents {
  public static final String ADDRESS = "mooring.disclosure.changed";
  static final String CHANNEL = "disclosure_changed";
  private static final Logger log = LoggerFactory.getLogger(DisclosureEvents.class);

  private final Vertx vertx;
  private final DbUrl db;
  private PgSubscriber subscriber;

  DisclosureEvents(Vertx vertx, DbUrl db) {
    this.vertx = vertx;
    this.db = db;
  }

  Future<Void> start() {
    if (db == null) {
      return Future.succeededFuture();
    }
    Promise<Void> listening = Promise.promise();
    subscriber = PgSubscriber.subscriber(vertx, db.connectOptions()).reconnectPolicy(retries -> 500L);
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> listening.tryComplete())
        .handler(this::republish);
    return subscriber.connect().compose(v -> listening.future());
  }

  Future<Void> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  /** Called after a committed change; only needed when no listener carries the NOTIFY back. */
  void committed(long ownerId) {
    if (subscriber == null) {
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
