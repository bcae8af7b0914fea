package io.mooring.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * This node's one LISTEN connection, shared by every feature that hears PostgreSQL notifications
 * (session changes, chat fan-out, disclosure changes). One and not one per feature because PostgreSQL
 * wakes every listening backend for every NOTIFY in the database, whatever its channel, and each reads
 * the shared queue: with three listeners a chat message cost three backend wake-ups on every node
 * (ops/bench/RESULTS.md, issue 17), and each node held three connections for it.
 * <p>
 * Features register their channels before {@link #start()}: a handler for each payload (run on this
 * connection's context, so it must not block) and a callback for each time the LISTEN is established,
 * first and after every reconnection, when notifications may have been missed. {@link #onLost} hooks run
 * as soon as the connection is lost, again before every retry, and when the listener stops. Its backend is named
 * {@code mooring-listen <nodeId>} in pg_stat_activity.
 */
public final class Listener {
  public static final String APPLICATION_NAME = "mooring-listen";
  /** Null: no database address (a configuration without one), so nothing is heard and features work node-locally. */
  private final PgSubscriber subscriber;
  private final UUID nodeId = UUID.randomUUID();
  private final List<Runnable> lost = new CopyOnWriteArrayList<>();
  private final List<Future<Void>> firstSubscribed = new ArrayList<>();

  public Listener(Vertx vertx, PgConnectOptions options) {
    this.subscriber = options == null ? null
        : PgSubscriber.subscriber(vertx, new PgConnectOptions(options).addProperty("application_name", APPLICATION_NAME + " " + nodeId))
            .reconnectPolicy(attempt -> {
              lost.forEach(Runnable::run);
              return Math.min(100L * (attempt + 1), 2000L);
            });
  }

  /** A listener that hears nothing (no database address). */
  public static Listener none() {
    return new Listener(null, null);
  }

  /** Whether notifications are heard at all (a database address was given). */
  public boolean enabled() {
    return subscriber != null;
  }

  /** This node, for rows that say which node holds something and to find its LISTEN backend. */
  public UUID nodeId() {
    return nodeId;
  }

  /** Registers {@code handler} for {@code channel}; {@code subscribed} runs each time its LISTEN is in place. Before {@link #start()}. */
  public void channel(String channel, Runnable subscribed, Handler<String> handler) {
    if (subscriber == null) {
      return;
    }
    Promise<Void> first = Promise.promise();
    firstSubscribed.add(first.future());
    subscriber.channel(channel).subscribeHandler(v -> {
      subscribed.run();
      first.tryComplete();
    }).handler(handler);
  }

  /** Runs {@code hook} as soon as the connection is lost, before every retry and on stop: notifications are being missed. */
  public void onLost(Runnable hook) {
    lost.add(hook);
  }

  /** Connects and completes once every registered channel is listened to. */
  public Future<Void> start() {
    if (subscriber == null) {
      return Future.succeededFuture();
    }
    return subscriber.connect().compose(v -> Future.all(firstSubscribed)).mapEmpty();
  }

  /** Closes the connection; from here on nothing is heard, so the lost hooks run (e.g. sessions are no longer remembered). */
  public Future<Void> stop() {
    if (subscriber == null) {
      return Future.succeededFuture();
    }
    lost.forEach(Runnable::run);
    return subscriber.close();
  }
}
