package io.mooring.circles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Fixtures;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The live protocol over a real socket: ack after commit, order, resume, idempotency, edits, limits. */
@ExtendWith(ServerPerClass.class)
class CircleChatIT {
  static TestServer server;
  static Vertx vertx;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    vertx = started.vertx();
    org = server.fixtures().anOrganization();
  }

  record Trio(long circle, Fixtures.Person fac, Fixtures.Person a, Fixtures.Person b) {}

  Trio trio() {
    Fixtures f = server.fixtures();
    Fixtures.Person fac = f.aPeer(org);
    Fixtures.Person a = f.aPeer(org);
    Fixtures.Person b = f.aPeer(org);
    return new Trio(f.aCircle(org, fac, a, b), fac, a, b);
  }

  LiveClient connect(Fixtures.Person p, long circle, Long after) {
    return LiveClient.connect(vertx, server.port(), server.fixtures().tokenFor(p), circle, after);
  }

  @Test
  void ackArrivesOnlyAfterTheRowIsCommittedAndOthersReceiveTheMessage() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      a.next("presence");
      b.next("presence");
      a.send(LiveClient.send("c-1", "Hello circle"));
      JsonObject ack = a.next("ack");
      long rows = server.pool().preparedQuery("select count(*) from circle_messages where id = $1 and seq = $2")
          .execute(Tuple.of(ack.getLong("id"), ack.getLong("seq"))).await().iterator().next().getLong(0);
      assertEquals(1, rows, "the acknowledged message is committed");
      assertEquals("c-1", ack.getString("clientMsgId"));
      assertEquals(1L, ack.getLong("seq"));
      JsonObject m = b.next("message");
      assertEquals("Hello circle", m.getString("body"));
      assertEquals(t.a().id(), m.getJsonObject("author").getLong("id"));
      assertEquals(t.a().displayName(), m.getJsonObject("author").getString("displayName"));
    }
  }

  @Test
  void concurrentSendersProduceOneGapFreeOrderSeenIdenticallyByEveryone() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null);
         LiveClient f = connect(t.fac(), t.circle(), null)) {
      f.next("presence");
      for (int i = 0; i < 8; i++) {
        a.send(LiveClient.send("a-" + i, "from a " + i));
        b.send(LiveClient.send("b-" + i, "from b " + i));
      }
      List<JsonObject> seen = f.messages(16);
      List<JsonObject> seenByA = a.messages(16);
      for (int i = 0; i < 16; i++) {
        assertEquals(i + 1L, seen.get(i).getLong("seq"));
        assertEquals(seen.get(i).getLong("id"), seenByA.get(i).getLong("id"));
      }
      assertTrue(f.drainMessages(300).isEmpty(), "no duplicates");
      List<String> fromA = seen.stream().map(m -> m.getString("body")).filter(x -> x.startsWith("from a")).toList();
      assertEquals(java.util.stream.IntStream.range(0, 8).mapToObj(i -> "from a " + i).toList(), fromA,
          "each sender's messages keep the order they were sent in");
    }
  }

  @Test
  void quickEditsOfOneMessageTakeEffectInTheOrderSent() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      a.send(LiveClient.send("q-1", "draft 0"));
      long id = a.next("ack").getLong("id");
      for (int i = 1; i <= 30; i++) {
        a.send(new JsonObject().put("type", "edit").put("id", id).put("body", "draft " + i));
      }
      List<String> bodies = new java.util.ArrayList<>();
      while (!bodies.contains("draft 30")) {
        bodies.add(a.next("edited").getString("body"));
      }
      assertEquals("draft 30", bodies.get(bodies.size() - 1), "the last edit sent is the last seen: " + bodies);
      String stored = server.pool().preparedQuery("select body from circle_messages where id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(id)).await().iterator().next().getString(0);
      assertEquals("draft 30", stored, "and the one stored");
    }
  }

  @Test
  void resumeAfterASeqDeliversExactlyWhatWasMissedThenLive() {
    Trio t = trio();
    long lastSeen;
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      b.next("presence");
      for (int i = 0; i < 3; i++) {
        a.send(LiveClient.send("r-" + i, "before " + i));
      }
      lastSeen = b.messages(3).get(2).getLong("seq");
    }
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      for (int i = 3; i < 10; i++) {
        a.sendAcked("r-" + i, "missed " + i);
      }
      // Reconnect while more messages are being written: catch-up and live must join without a seam.
      List<Long> seqs = new ArrayList<>();
      for (int i = 10; i < 15; i++) {
        a.sendAcked("r-" + i, "during " + i);
      }
      try (LiveClient b = connect(t.b(), t.circle(), lastSeen)) {
        for (int i = 15; i < 20; i++) {
          a.sendAcked("r-" + i, "after " + i);
        }
        b.messages(20 - (int) lastSeen).forEach(m -> seqs.add(m.getLong("seq")));
        assertTrue(b.drainMessages(300).isEmpty(), "no duplicates after live");
      }
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(lastSeen + 1 + i, seqs.get(i), "in order, no gaps: " + seqs);
      }
    }
  }

  @Test
  void resendingTheSameClientMsgIdReturnsTheSameAckAndStoresOneMessage() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      a.send(LiveClient.send("same", "once"));
      JsonObject first = a.next("ack");
      a.send(LiveClient.send("same", "once"));
      JsonObject second = a.next("ack");
      assertEquals(first, second);
      a.send(LiveClient.send("other", "next"));
      assertEquals(2L, a.next("ack").getLong("seq"), "the resend used no seq");
    }
    long n = server.pool().preparedQuery("select count(*) from circle_messages where circle_id = $1").execute(Tuple.of(t.circle()))
        .await().iterator().next().getLong(0);
    assertEquals(2, n);
  }

  @Test
  void editsAndDeletesReachOthersAndEditHistoryIsForFacilitatorsOnly() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      b.next("presence");
      a.send(LiveClient.send("e-1", "first words"));
      long id = a.next("ack").getLong("id");
      a.send(new JsonObject().put("type", "edit").put("id", id).put("body", "better words"));
      JsonObject edited = b.next("edited");
      assertEquals("better words", edited.getString("body"));
      b.send(new JsonObject().put("type", "edit").put("id", id).put("body", "hijack"));
      assertEquals("not_found", b.next("error").getString("code"), "only the author edits");

      var history = server.as(t.fac()).get("/api/v1/circles/" + t.circle() + "/messages/" + id + "/edits");
      assertEquals(200, history.statusCode());
      assertEquals("first words", history.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("body"));
      assertEquals(403, server.as(t.b()).get("/api/v1/circles/" + t.circle() + "/messages/" + id + "/edits").statusCode());

      a.send(new JsonObject().put("type", "delete").put("id", id));
      assertEquals(id, b.next("deleted").getLong("id"));
      JsonObject item = server.as(t.b()).get("/api/v1/circles/" + t.circle() + "/messages?after=0").bodyAsJsonObject()
          .getJsonArray("items").getJsonObject(0);
      assertTrue(item.getBoolean("deleted"));
      assertNull(item.getString("body"), "a tombstone keeps no text");
    }
  }

  @Test
  void badFramesGetErrorFramesAndNothingElseBreaks() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null); LiveClient b = connect(t.b(), t.circle(), null)) {
      b.next("presence");
      a.sendRaw("{not json");
      assertEquals("invalid_json", a.next("error").getString("code"));
      a.send(new JsonObject().put("type", "dance"));
      assertEquals("unknown_type", a.next("error").getString("code"));
      a.send(LiveClient.send("long", "x".repeat(4001)));
      assertEquals("too_long", a.next("error").getString("code"));
      a.send(new JsonObject().put("type", "send").put("body", "no id"));
      assertEquals("invalid", a.next("error").getString("code"));
      a.send(LiveClient.send("ok", "still here"));
      assertEquals("still here", b.next("message").getString("body"));
      assertFalse(a.ws.isClosed());
      assertFalse(b.ws.isClosed());
    }
  }

  /**
   * A lone surrogate has no UTF-8 form (stored, it became '?') and PostgreSQL refuses NUL (it became a
   * retryable "unavailable"): either is refused as "invalid" naming the field, as over HTTP, and nothing
   * is stored. The frames are raw text so the JSON escapes reach the server as a client wrote them.
   */
  @Test
  void textThatCannotBeStoredIsRefusedNamingTheFieldAndNothingIsStored() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      a.next("presence");
      long id = a.sendAcked("keep", "original words").getLong("id");
      String[][] sends = {
          {"s-1", "lone \\ud800 surrogate", "lone surrogate"},
          {"s-2", "\\ude00\\ud83d", "lone surrogate"},
          {"s-3", "nul \\u0000 char", "NUL"},
      };
      for (String[] s : sends) {
        a.sendRaw("{\"type\":\"send\",\"clientMsgId\":\"" + s[0] + "\",\"body\":\"" + s[1] + "\"}");
        JsonObject error = a.next("error");
        assertEquals("invalid", error.getString("code"), error.encode());
        assertTrue(error.getString("message").startsWith("body ") && error.getString("message").contains(s[2]), error.encode());
        assertEquals(s[0], error.getString("ref"), "the client can mark its pending message failed");
      }
      for (String body : List.of("edited \\udc00 lone", "nul \\u0000 edit")) {
        a.sendRaw("{\"type\":\"edit\",\"id\":" + id + ",\"body\":\"" + body + "\"}");
        JsonObject error = a.next("error");
        assertEquals("invalid", error.getString("code"), error.encode());
        assertTrue(error.getString("message").startsWith("body "), error.encode());
      }
      for (String clientMsgId : List.of("id \\ud800", "id \\u0000")) {
        a.sendRaw("{\"type\":\"send\",\"clientMsgId\":\"" + clientMsgId + "\",\"body\":\"fine\"}");
        JsonObject error = a.next("error");
        assertEquals("invalid", error.getString("code"), error.encode());
        assertTrue(error.getString("message").startsWith("clientMsgId "), error.encode());
      }
      a.sendAcked("after", "still here");
    }
    var items = server.as(t.b()).get("/api/v1/circles/" + t.circle() + "/messages?after=0").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("original words", "still here"), items.stream().map(o -> ((JsonObject) o).getString("body")).toList());
    long edits = server.pool().preparedQuery("select count(*) from circle_messages where circle_id = $1 and edited_at is not null")
        .execute(Tuple.of(t.circle())).await().iterator().next().getLong(0);
    assertEquals(0, edits, "no edit was stored");
  }

  /**
   * A frame over the 64 kB limit ends the socket (the server reads no further), but with 1009 and a reason
   * rather than a bare drop. Over a raw socket the client sends only the frame's header, so no unread
   * bytes turn the server's close into a reset (see LiveSocket.start for that race).
   */
  @Test
  void aFrameOverTheLimitClosesTheSocketWithMessageTooBig() throws Exception {
    Trio t = trio();
    try (java.net.Socket s = rawLiveSocket(t)) {
      // A masked text frame announcing 70 kB: the header alone is enough for the server to refuse it.
      s.getOutputStream().write(new byte[] {(byte) 0x81, (byte) (0x80 | 127), 0, 0, 0, 0, 0, 1, 0x18, 0, 1, 2, 3, 4});
      s.getOutputStream().flush();
      assertClosedAsTooBig(s);
    }
  }

  @Test
  void aMessageOverTheLimitInSeveralFramesClosesTheSocketWithMessageTooBig() throws Exception {
    Trio t = trio();
    try (java.net.Socket s = rawLiveSocket(t)) {
      // Two text frames of 40 kB each (each within the 64 kB frame limit), one message of 80 kB; mask key 0.
      var out = s.getOutputStream();
      byte[] part = new byte[40 * 1024];
      java.util.Arrays.fill(part, (byte) 'a');
      for (int opcode : new int[] {0x01, 0x80}) {
        out.write(new byte[] {(byte) opcode, (byte) (0x80 | 126), (byte) (part.length >> 8), (byte) part.length, 0, 0, 0, 0});
        out.write(part);
      }
      out.flush();
      assertClosedAsTooBig(s);
    }
  }

  /** A's chat socket on a plain TCP connection, upgraded by hand, so a test can write frames no client library would. */
  private java.net.Socket rawLiveSocket(Trio t) throws java.io.IOException {
    java.net.Socket s = new java.net.Socket("localhost", server.port());
    s.setSoTimeout(10_000);
    s.getOutputStream().write(("GET /api/v1/circles/" + t.circle() + "/live HTTP/1.1\r\nHost: localhost:" + server.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + server.fixtures().tokenFor(t.a()) + "\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      head.append((char) s.getInputStream().read());
    }
    assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
    return s;
  }

  /** Reads frames until the close frame, which must say 1009 (message too big) and give a reason. */
  private static void assertClosedAsTooBig(java.net.Socket s) throws java.io.IOException {
    var in = new java.io.DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
    while (true) {
      int opcode = in.readUnsignedByte() & 0x0f;
      long len = in.readUnsignedByte() & 0x7f;
      len = len == 126 ? in.readUnsignedShort() : len == 127 ? in.readLong() : len;
      byte[] payload = in.readNBytes((int) len);
      if (opcode == 0x8) {
        assertTrue(payload.length > 2, "a reason is given");
        assertEquals(1009, ((payload[0] & 0xff) << 8) | (payload[1] & 0xff), "message too big");
        return;
      }
    }
  }

  @Test
  void sendingTooFastIsRefusedWithoutLosingAcknowledgedMessages() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      for (int i = 0; i < 40; i++) {
        a.send(LiveClient.send("burst-" + i, "burst " + i));
      }
      Set<Long> acked = new HashSet<>();
      int limited = 0;
      while (acked.size() + limited < 40) {
        JsonObject f = a.next(x -> "ack".equals(x.getString("type")) || "error".equals(x.getString("type")));
        if ("ack".equals(f.getString("type"))) {
          acked.add(f.getLong("id"));
        } else {
          assertEquals("rate_limited", f.getString("code"));
          limited++;
        }
      }
      assertTrue(limited > 0, "the limit applies");
      long stored = server.pool().preparedQuery("select count(*) from circle_messages where circle_id = $1").execute(Tuple.of(t.circle()))
          .await().iterator().next().getLong(0);
      assertEquals(acked.size(), stored, "every ack is a stored message, nothing else is");
    }
  }

  @Test
  void readStateGivesUnreadCountsToItsOwnerOnly() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      for (int i = 0; i < 3; i++) {
        a.send(LiveClient.send("u-" + i, "news " + i));
        a.next("ack");
      }
      var list = server.as(t.b()).get("/api/v1/circles").bodyAsJsonObject().getJsonArray("mine");
      assertEquals(3L, list.getJsonObject(0).getLong("unread"));
      try (LiveClient b = connect(t.b(), t.circle(), 0L)) {
        b.messages(3);
        b.send(new JsonObject().put("type", "read").put("seq", 2));
        assertEquals(2L, b.next("read").getLong("seq"));
        assertTrue(a.drainMessages(200).stream().noneMatch(f -> "read".equals(f.getString("type"))));
      }
      assertEquals(1L, server.as(t.b()).get("/api/v1/circles").bodyAsJsonObject().getJsonArray("mine").getJsonObject(0).getLong("unread"));
      assertEquals(0L, server.as(t.a()).get("/api/v1/circles").bodyAsJsonObject().getJsonArray("mine").getJsonObject(0).getLong("unread"));
    }
  }

  /** A long backlog is counted only as far as the window (its cost must not grow with the backlog): "100+". */
  @Test
  void aLongBacklogReadsAsAHundredPlusUnread() {
    Trio t = trio();
    server.pool().preparedQuery("""
        insert into circle_messages (circle_id, seq, author_id, client_msg_id, body)
        select $1, g, $2, 'backlog-' || g, 'backlog ' || g from generate_series(1, 150) g""")
        .execute(io.vertx.sqlclient.Tuple.of(t.circle(), t.a().id())).await();
    server.pool().preparedQuery("update circle_counters set last_seq = 150 where circle_id = $1").execute(io.vertx.sqlclient.Tuple.of(t.circle())).await();
    JsonObject mine = server.as(t.b()).get("/api/v1/circles").bodyAsJsonObject().getJsonArray("mine").getJsonObject(0);
    assertEquals(100L, mine.getLong("unread"));
    assertTrue(mine.getBoolean("unreadMore"));
    assertTrue(server.as(t.b()).get("/circles").bodyAsString().contains("100+ unread"));
    JsonObject author = server.as(t.a()).get("/api/v1/circles").bodyAsJsonObject().getJsonArray("mine").getJsonObject(0);
    assertEquals(0L, author.getLong("unread"), "one's own messages are never unread");
  }

  @Test
  void historyPagesByCursor() {
    Trio t = trio();
    try (LiveClient a = connect(t.a(), t.circle(), null)) {
      for (int i = 0; i < 12; i++) {
        a.sendAcked("h-" + i, "page " + i);
      }
    }
    var api = server.as(t.b());
    var last = api.get("/api/v1/circles/" + t.circle() + "/messages?limit=5").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of(8L, 9L, 10L, 11L, 12L), last.stream().map(o -> ((JsonObject) o).getLong("seq")).toList());
    var before = api.get("/api/v1/circles/" + t.circle() + "/messages?before=8&limit=3").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of(5L, 6L, 7L), before.stream().map(o -> ((JsonObject) o).getLong("seq")).toList());
    var after = api.get("/api/v1/circles/" + t.circle() + "/messages?after=10").bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of(11L, 12L), after.stream().map(o -> ((JsonObject) o).getLong("seq")).toList());
    assertEquals(400, api.get("/api/v1/circles/" + t.circle() + "/messages?after=-1").statusCode());
  }

  @Test
  void presenceTypingAndProfileRefreshesReachOtherMembers() {
    Trio t = trio();
    try (LiveClient b = connect(t.b(), t.circle(), null)) {
      b.next("presence");
      try (LiveClient a = connect(t.a(), t.circle(), null)) {
        assertEquals(t.a().id(), b.next(f -> "presence".equals(f.getString("type")) && f.getBoolean("online", false)
            && Long.valueOf(t.a().id()).equals(f.getLong("userId"))).getLong("userId"));
        a.next("presence");
        a.send(new JsonObject().put("type", "typing"));
        assertEquals(t.a().id(), b.next("typing").getLong("userId"));
        vertx.eventBus().publish("mooring.disclosure.changed", new JsonObject().put("ownerId", t.a().id()));
        JsonObject card = b.next("profile").getJsonObject("member");
        assertEquals(t.a().id(), card.getLong("id"));
        assertEquals(t.a().displayName(), card.getString("displayName"));
      }
      assertEquals(t.a().id(), b.next(f -> "presence".equals(f.getString("type")) && Boolean.FALSE.equals(f.getBoolean("online"))).getLong("userId"));
    }
  }

  @Test
  void aSocketThatStopsReadingIsClosedWithFellBehindAndResumesBySeqWithoutLoss() {
    Trio t = trio();
    int n = 1500;
    int before = Outbox.writeQueueBytes;
    Outbox.writeQueueBytes = 16 * 1024;
    List<JsonObject> got = new ArrayList<>();
    try (LiveClient slow = connect(t.a(), t.circle(), 0L)) {
      slow.next("presence");
      slow.ws.pause();
      // 1,500 messages of 4,000 characters (6 MB): far more than the kernel's socket buffers hold.
      long last = server.pool().preparedQuery("""
          with s as (update circle_counters set last_seq = last_seq + $3 where circle_id = $1 returning last_seq),
               i as (insert into circle_messages (circle_id, seq, author_id, client_msg_id, body)
                     select $1, s.last_seq - $3 + g, $2, 'bulk-' || g, repeat('x', 4000) from s, generate_series(1, $3) g)
          select last_seq from s""").execute(Tuple.of(t.circle(), t.b().id(), n)).await().iterator().next().getLong(0);
      server.pool().preparedQuery("select pg_notify('circle_events', $1)").execute(Tuple.of(t.circle() + ":" + last)).await();
      sleep(3000);
      slow.ws.resume();
      assertTrue(slow.waitClosed(15_000), "the slow socket is closed, not fed forever");
      assertEquals(Outbox.FELL_BEHIND, slow.closeCode);
      got.addAll(slow.drainMessages(500));
    } finally {
      Outbox.writeQueueBytes = before;
    }
    assertTrue(got.size() < n, "closed before everything was queued: " + got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(i + 1, got.get(i).getLong("seq"), "what arrived before the close is a gap-free prefix");
    }
    try (LiveClient again = connect(t.a(), t.circle(), (long) got.size())) {
      List<JsonObject> rest = again.messages(n - got.size());
      assertEquals(got.size() + 1, rest.get(0).getLong("seq"));
      assertEquals(n, rest.get(rest.size() - 1).getLong("seq"), "resuming by seq delivers the rest");
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
