package io.mooring.circles;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online in each circle, across nodes, kept in PostgreSQL: each node writes how many sockets a
 * member has open on it (circle_presence) and announces {@code c:p:userId}; every node following the
 * circle then reads that member's rows again, one read per room at a time so answers apply in order.
 * A room opened late reads everyone at once. Each node heartbeats its chat_nodes row: a node unseen for
 * {@link #deadAfterMs} no longer counts and is deleted with its rows, and each heartbeat re-reads every
 * open room, so a dead node's members go offline within about deadAfterMs + heartbeatMs. Writes per
 * socket: one statement when it goes live, one when it closes; nothing per message.
 */
final class Presence {
  static volatile long heartbeatMs = 10_000;
  static volatile long deadAfterMs = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
  private static final String ALIVE = "n.seen_at > now() - make_interval(secs => $2::float8 / 1000)";
  private static final String NODE_UP = """
      insert into chat_nodes (id, seen_at) values ($1, now()) on conflict (id) do update set seen_at = now()
      returning xmax = 0 as created""";
  private static final String PURGE = """
      with dead as (delete from chat_nodes where seen_at < now() - make_interval(secs => $1::float8 / 1000))
      delete from circle_presence where sockets <= 0""";
  private static final String NODE_DOWN = "delete from chat_nodes where id = $1";
  private static final String CONNECTED = """
      with u as (insert into circle_presence (circle_id, user_id, node_id, sockets) values ($1, $2, $3, 1)
                 on conflict (circle_id, user_id, node_id) do update set sockets = circle_presence.sockets + 1 returning 1)
      select pg_notify('circle_events', $1::text || ':p:' || $2::text) from u""";
  private static final String DISCONNECTED = """
      with u as (update circle_presence set sockets = sockets - 1 where circle_id = $1 and user_id = $2 and node_id = $3 returning 1)
      select pg_notify('circle_events', $1::text || ':p:' || $2::text) from u""";
  private static final String RESTORE = """
      insert into circle_presence (circle_id, user_id, node_id, sockets) select c, u, $1, n from unnest($2::bigint[], $3::bigint[], $4::int[]) t(c, u, n)
      on conflict (circle_id, user_id, node_id) do update set sockets = excluded.sockets""";
  private static final String ONLINE = "select distinct p.user_id from circle_presence p join chat_nodes n on n.id = p.node_id"
      + " where p.circle_id = $1 and p.sockets > 0 and " + ALIVE + " and ($3::bigint[] is null or p.user_id = any($3))";

  /** Everyone online in many rooms at once: the heartbeat's re-read is one query per {@value #ROOMS_PER_READ} rooms, not one per room. */
  private static final String ONLINE_IN = "select distinct p.circle_id, p.user_id from circle_presence p join chat_nodes n on n.id = p.node_id"
      + " where p.circle_id = any($1) and p.sockets > 0 and " + ALIVE;
  private static final int ROOMS_PER_READ = 1000;

  private final Vertx vertx;
  private final Pool pool;
  private final UUID nodeId;
  private final Supplier<Iterable<Room>> rooms;
  private long timer = -1;
  /** Stopping: the node's row and its presence go at once, so sockets closing now write nothing. */
  private volatile boolean stopped;

  Presence(Vertx vertx, Pool pool, UUID nodeId, Supplier<Iterable<Room>> rooms) {
    this.vertx = vertx;
    this.pool = pool;
    this.nodeId = nodeId;
    this.rooms = rooms;
  }

  Future<Void> start() {
    timer = vertx.setPeriodic(heartbeatMs, t -> heartbeat());
    return pool.preparedQuery(NODE_UP).execute(Tuple.of(nodeId)).mapEmpty();
  }

  /** Gone at once rather than after deadAfterMs; the other nodes re-read on their next heartbeat. */
  Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    return pool.preparedQuery(NODE_DOWN).execute(Tuple.of(nodeId)).<Void>mapEmpty().otherwise(e -> null);
  }

  void connected(long circleId, long userId) {
    if (stopped) {
      return;
    }
    pool.preparedQuery(CONNECTED).execute(Tuple.of(circleId, userId, nodeId))
        .onFailure(e -> LOG.warn("presence not recorded (the next heartbeat restores it): {}", e.getMessage()));
  }

  void disconnected(long circleId, long userId) {
    if (stopped) {
      return;
    }
    pool.preparedQuery(DISCONNECTED).execute(Tuple.of(circleId, userId, nodeId))
        .onFailure(e -> LOG.warn("presence not cleared (the next heartbeat restores it): {}", e.getMessage()));
  }

  /** Another node (or this one) changed this member's sockets: read their rows again. */
  void recheck(Room room, long userId) {
    synchronized (room) {
      room.presenceDirty.add(userId);
    }
    read(room);
  }

  /** A room just opened: everyone online in it, before its first socket is told (the room starts out reading). */
  Future<Void> load(Room room) {
    return online(room, null).andThen(ar -> done(room)).mapEmpty();
  }

  private void read(Room room) {
    Long[] users;
    synchronized (room) {
      if (room.presenceReading || (!room.presenceAll && room.presenceDirty.isEmpty())) {
        return;
      }
      room.presenceReading = true;
      users = room.presenceAll ? null : room.presenceDirty.toArray(new Long[0]);
      room.presenceAll = false;
      room.presenceDirty.clear();
    }
    online(room, users).onComplete(ar -> done(room));
  }

  private Future<Void> online(Room room, Long[] users) {
    return pool.preparedQuery(ONLINE).execute(Tuple.of(room.circleId, deadAfterMs, users)).<Void>map(rows -> {
      Set<Long> online = new HashSet<>();
      rows.forEach(r -> online.add(r.getLong(0)));
      room.setOnline(users == null ? null : List.of(users), online);
      return null;
    }).onFailure(e -> LOG.warn("presence read failed (the next heartbeat reads it again): {}", e.getMessage()));
  }

  private void done(Room room) {
    synchronized (room) {
      room.presenceReading = false;
    }
    read(room);
  }

  private void heartbeat() {
    pool.preparedQuery(NODE_UP).execute(Tuple.of(nodeId))
        .compose(rows -> rows.iterator().next().getBoolean("created") ? restore() : Future.succeededFuture())
        .compose(v -> pool.preparedQuery(PURGE).execute(Tuple.of(deadAfterMs)))
        .onComplete(ar -> recheckEveryRoom())
        .onFailure(e -> LOG.warn("presence heartbeat failed: {}", e.getMessage()));
  }

  /**
   * Every open room read again, rooms not already reading in one query per chunk (the rooms taken are marked
   * reading, so answers still apply one read at a time per room); a room busy reading re-reads everyone after.
   */
  private void recheckEveryRoom() {
    List<Room> batch = new ArrayList<>();
    for (Room room : rooms.get()) {
      synchronized (room) {
        if (room.presenceReading) {
          room.presenceAll = true;
          continue;
        }
        room.presenceReading = true;
        room.presenceAll = false;
        room.presenceDirty.clear();
      }
      batch.add(room);
      if (batch.size() == ROOMS_PER_READ) {
        onlineIn(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      onlineIn(batch);
    }
  }

  private void onlineIn(List<Room> batch) {
    Long[] ids = batch.stream().map(r -> r.circleId).toArray(Long[]::new);
    pool.preparedQuery(ONLINE_IN).execute(Tuple.of(ids, deadAfterMs)).onComplete(ar -> {
      Map<Long, Set<Long>> online = new HashMap<>();
      if (ar.succeeded()) {
        ar.result().forEach(r -> online.computeIfAbsent(r.getLong(0), k -> new HashSet<>()).add(r.getLong(1)));
      } else {
        LOG.warn("presence read failed (the next heartbeat reads it again): {}", ar.cause().getMessage());
      }
      for (Room room : batch) {
        if (ar.succeeded()) {
          room.setOnline(null, online.getOrDefault(room.circleId, Set.of()));
        }
        done(room);
      }
    });
  }

  /** This node's row had gone (declared dead while paused, or the tables emptied by a failover): write its sockets again. */
  private Future<Void> restore() {
    Map<List<Long>, Integer> counts = new HashMap<>();
    for (Room room : rooms.get()) {
      room.sockets.forEach(s -> counts.merge(List.of(room.circleId, s.userId()), 1, Integer::sum));
    }
    List<Long> circles = new ArrayList<>();
    List<Long> users = new ArrayList<>();
    List<Integer> n = new ArrayList<>();
    counts.forEach((k, v) -> {
      circles.add(k.get(0));
      users.add(k.get(1));
      n.add(v);
    });
    return pool.preparedQuery(RESTORE).execute(Tuple.of(nodeId, circles.toArray(new Long[0]), users.toArray(new Long[0]),
        n.toArray(new Integer[0]))).mapEmpty();
  }
}
