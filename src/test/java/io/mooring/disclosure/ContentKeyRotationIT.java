package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.auth.Keys;
import io.mooring.support.Fixtures;
import io.mooring.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The content key rotates while a node serves the content: a node holding the new key and the old one reads every
 * item throughout `rotate-content-key`, and afterwards a node holding only the new key reads them all.
 */
@ExtendWith(VertxExtension.class)
class ContentKeyRotationIT {

  @Test
  void contentIsReSealedInBatchesWhileANodeKeepsServingIt(Vertx vertx) throws Exception {
    TestServer oldNode = TestServer.start(vertx);
    Keys old = oldNode.services().keys();
    long org = oldNode.fixtures().anOrganization();
    List<Fixtures.Person> owners = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Fixtures.Person p = oldNode.fixtures().aPeer(org);
      owners.add(p);
      for (ItemKind kind : List.of(ItemKind.RECOVERY_STORY, ItemKind.PRONOUNS)) {
        assertEquals(200, oldNode.as(p).put("/api/v1/me/disclosure/items/" + kind.dbName(), DisclosureTestData.content(kind, p.id())).statusCode());
      }
    }
    byte[] newContentKey = new byte[32];
    new SecureRandom().nextBytes(newContentKey);
    Keys rotated = new Keys(old.jwtPrivatePem(), old.jwtPublicPem(), newContentKey).withPrevious(List.of(), List.of(old.contentKey()));
    TestServer rolling = TestServer.start(vertx, oldNode.db(), Map.of(), rotated);
    oldNode.close();

    AtomicBoolean rotating = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    Thread reader = new Thread(() -> {
      while (rotating.get()) {
        Fixtures.Person p = owners.get(reads.get() % owners.size());
        var res = rolling.as(p).get("/api/v1/me/disclosure/items/recovery_story");
        assertEquals(200, res.statusCode(), res.bodyAsString());
        assertTrue(res.bodyAsString().contains(DisclosureTestData.marker(ItemKind.RECOVERY_STORY, p.id())));
        reads.incrementAndGet();
      }
    });
    reader.start();
    ContentKeyRotation.Result result = new ContentKeyRotation(rolling.pool(), rotated, 5).run().await();
    rotating.set(false);
    reader.join();
    assertEquals(24, result.resealed() + result.alreadyCurrent(), "every item, in batches of 5");
    assertEquals(0, result.left());
    assertTrue(reads.get() > 0, "the node served content while the rotation ran");

    TestServer newOnly = TestServer.start(vertx, rolling.db(), Map.of(), new Keys(old.jwtPrivatePem(), old.jwtPublicPem(), newContentKey));
    try {
      for (Fixtures.Person p : owners) {
        var res = newOnly.as(p).get("/api/v1/me/disclosure/items/pronouns");
        assertEquals(200, res.statusCode(), "readable with only the new key: " + res.bodyAsString());
        assertTrue(res.bodyAsString().contains(DisclosureTestData.marker(ItemKind.PRONOUNS, p.id())));
      }
      assertEquals(new ContentKeyRotation.Result(0, 24, 0), new ContentKeyRotation(newOnly.pool(), rotated, 5).run().await(),
          "a second run finds nothing to do");
    } finally {
      newOnly.close();
      rolling.close();
    }
  }
}
