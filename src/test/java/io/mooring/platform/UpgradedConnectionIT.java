package io.mooring.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.server.UpgradedConnections;
import io.netty.channel.Channel;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket upgraded on a real Vert.x server over a real connection: once released, the HTTP/1
 * connection it came from can be collected, and the socket still reads, writes and closes as before.
 */
class UpgradedConnectionIT {

  @Test
  void aReleasedUpgradeLetsItsHttpConnectionGoAndTheSocketStillWorks() throws Exception {
    assertTrue(upgradeAndCollect(true), "the HTTP/1 connection of a released upgrade is collected");
  }

  /** Vert.x's own behaviour, the reason for the release: when this fails, Vert.x lets go by itself and the release can go. */
  @Test
  void withoutTheReleaseVertxKeepsTheHttpConnectionForTheSocketsLife() throws Exception {
    assertFalse(upgradeAndCollect(false), "Vert.x 5.0.10 keeps the upgraded connection reachable");
  }

  /** Opens one socket, checks it both ways, tries to collect its HTTP/1 connection, checks the socket again and closes it. */
  private static boolean upgradeAndCollect(boolean release) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      AtomicReference<WeakReference<HttpConnection>> upgraded = new AtomicReference<>();
      Promise<Short> serverSawClose = Promise.promise();
      AtomicBoolean released = new AtomicBoolean();
      AtomicInteger chunkSlots = new AtomicInteger();
      HttpServer server = vertx.createHttpServer().requestHandler(req -> {
        Channel channel = ((ConnectionBase) req.connection()).channel();
        upgraded.set(new WeakReference<>(req.connection()));
        req.toWebSocket().onSuccess(ws -> {
          if (release) {
            released.set(UpgradedConnections.release(ws, channel) && ws.headers().isEmpty());
          }
          chunkSlots.set(outboundChunkSlots(channel));
          // "burst": 100 frames written from another thread, so they pass through the (trimmed) outbound queue.
          ws.textMessageHandler(t -> {
            if (t.equals("burst")) {
              new Thread(() -> IntStream.range(0, 100).forEach(i -> ws.writeTextMessage("b" + i))).start();
            } else {
              ws.writeTextMessage("echo:" + t);
            }
          });
          ws.closeHandler(v -> serverSawClose.tryComplete(ws.closeStatusCode()));
        });
      }).listen(0, "127.0.0.1").await();

      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      // Held until the end: Vert.x closes a client that is garbage-collected, and this test collects garbage.
      WebSocketClient client = vertx.createWebSocketClient();
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(received::add);
      ws.connect(new WebSocketConnectOptions().setPort(server.actualPort()).setHost("127.0.0.1").setURI("/live")
          .addHeader("Authorization", "Bearer not-kept")).await();
      ws.writeTextMessage("before").await();
      assertEquals("echo:before", received.poll(5, TimeUnit.SECONDS));

      assertEquals(release, released.get(), "released, headers (bearer token included) emptied");
      assertEquals(release ? 16 : 1024, chunkSlots.get(), "the outbound queue's chunk");
      boolean collected = collected(upgraded.get());

      ws.writeTextMessage("after").await();
      assertEquals("echo:after", received.poll(5, TimeUnit.SECONDS), "the socket still answers");
      ws.writeTextMessage("burst").await();
      for (int i = 0; i < 100; i++) {
        assertEquals("b" + i, received.poll(5, TimeUnit.SECONDS), "frames from another thread arrive, in order");
      }
      ws.close((short) 4000, "done").await();
      client.close().await();
      assertEquals((short) 4000, serverSawClose.future().await(5, TimeUnit.SECONDS), "the server sees the close code");
      return collected;
    } finally {
      vertx.close().await();
    }
  }

  /** Slots in the current chunk of the socket connection's outbound queue (JCTools keeps one slot for its link). */
  private static int outboundChunkSlots(Channel channel) {
    try {
      Object conn = ((VertxHandler<?>) channel.pipeline().get("handler")).getConnection();
      Object queue = read(read(read(conn, "outboundMessageQueue"), "mqp"), "queue");
      return ((Object[]) read(queue, "producerBuffer")).length - 1;
    } catch (ReflectiveOperationException e) {
      return -1;
    }
  }

  private static Object read(Object target, String name) throws ReflectiveOperationException {
    for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(target);
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    throw new NoSuchFieldException(name);
  }

  private static boolean collected(WeakReference<HttpConnection> ref) throws InterruptedException {
    for (int i = 0; i < 20 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ref.get() == null;
  }
}
