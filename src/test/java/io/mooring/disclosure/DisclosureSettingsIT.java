package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.support.Api;
import io.mooring.support.Fixtures;
import io.mooring.support.Fixtures.Person;
import io.mooring.support.ServerPerClass;
import io.mooring.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Settings, validation, encryption at rest, expiry, revocation, membership changes and live change events. */
@ExtendWith(ServerPerClass.class)
class DisclosureSettingsIT {
  static TestServer server;
  static Fixtures f;
  static long org;

  @BeforeAll
  static void start(TestServer started) {
    server = started;
    f = server.fixtures();
    org = f.anOrganization();
  }

  static void save(Api api, ItemKind kind, long ownerId) {
    var res = api.put("/api/v1/me/disclosure/items/" + kind.dbName(), DisclosureTestData.content(kind, ownerId));
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  static void share(Api api, ItemKind kind, JsonObject... audiences) {
    var res = api.put("/api/v1/me/disclosure/items/" + kind.dbName() + "/audiences",
        new JsonObject().put("audiences", new JsonArray(List.of((Object[]) audiences))));
    assertEquals(200, res.statusCode(), res.bodyAsString());
  }

  static List<String> seen(Api viewer, Person owner) {
    var res = viewer.get("/api/v1/people/" + owner.id() + "/profile");
    assertEquals(200, res.statusCode(), res.bodyAsString());
    return res.bodyAsJsonObject().getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("kind")).toList();
  }

  static List<String> fields(io.vertx.ext.web.client.HttpResponse<?> res) {
    JsonArray errors = ((io.vertx.core.buffer.Buffer) res.body()).toJsonObject().getJsonArray("errors", new JsonArray());
    return errors.stream().map(o -> ((JsonObject) o).getString("field")).toList();
  }

  @Test
  void itemsStartAsOnlyMeAndTheOwnerReadsThemBack() {
    Person owner = f.aPeer(org);
    Api api = server.as(owner);
    save(api, ItemKind.PRONOUNS, owner.id());
    JsonObject item = api.get("/api/v1/me/disclosure/items/pronouns").bodyAsJsonObject();
    assertEquals("they/them-" + owner.id(), item.getJsonObject("content").getString("text"));
    assertTrue(item.getBoolean("onlyMe"));
    JsonArray all = api.get("/api/v1/me/disclosure/items").bodyAsJsonObject().getJsonArray("items");
    assertEquals(ItemKind.values().length, all.size());
    assertEquals(List.of(), seen(server.as(f.aPeer(org)), owner));
  }

  @Test
  void validationErrorsNameTheField() {
    Api api = server.as(f.aPeer(org));
    var unknownKind = api.put("/api/v1/me/disclosure/items/shoe_size", new JsonObject().put("text", "9"));
    assertEquals(400, unknownKind.statusCode());
    assertEquals(List.of("kind"), fields(unknownKind));
    var badArea = api.put("/api/v1/me/disclosure/items/lived_experience", new JsonObject().put("areas", new JsonArray().add("astrology")));
    assertEquals(List.of("areas[0]"), fields(badArea));
    var badPopulation = api.put("/api/v1/me/disclosure/items/focus_populations", new JsonObject().put("values", new JsonArray().add("martians")));
    assertEquals(List.of("values[0]"), fields(badPopulation));
    var wrongField = api.put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "she/her").put("colour", "red"));
    assertEquals(List.of("colour"), fields(wrongField));
    var notBool = api.put("/api/v1/me/disclosure/items/identifies_as_peer", new JsonObject().put("value", "maybe"));
    assertEquals(List.of("value"), fields(notBool));
    var tooLong = api.put("/api/v1/me/disclosure/items/pronouns", new JsonObject().put("text", "x".repeat(41)));
    assertEquals(List.of("text"), fields(tooLong));
    var empty = api.put("/api/v1/me/disclosure/items/languages", new JsonObject().put("values", new JsonArray()));
    assertEquals(List.of("values"), fields(empty));
  }

  static JsonObject firstError(io.vertx.ext.web.client.HttpResponse<?> res) {
    assertEquals(400, res.statusCode(), String.valueOf(res.bodyAsString()));
    return ((io.vertx.core.buffer.Buffer) res.body()).toJsonObject().getJsonArray("errors").getJsonObject(0);
  }

  /** Probe findings: validator wording, internal labels and codes must not reach people. */
  @Test
  void listAndEmptyBodyErrorsAreSaidPlainlyUnderTheItemsOwnName() {
    Api api = server.as(f.aPeer(org));
    JsonArray thirteen = new JsonArray();
    for (int i = 0; i < 13; i++) {
      thirteen.add("Language " + i);
    }
    JsonObject tooMany = firstError(api.put("/api/v1/me/disclosure/items/languages", new JsonObject().put("values", thirteen)));
    assertEquals("values", tooMany.getString("field"));
    assertEquals("Languages", tooMany.getString("label"));
    assertEquals("choose at most 12", tooMany.getString("message"));

    JsonObject noArea = firstError(api.put("/api/v1/me/disclosure/items/lived_experience", new JsonObject().put("areas", new JsonArray())));
    assertEquals("areas", noArea.getString("field"));
    assertEquals("choose at least one", noArea.getString("message"));

    JsonObject nothing = firstError(api.put("/api/v1/me/disclosure/items/languages", new JsonObject()));
    assertEquals("send at least one field", nothing.getString("message"));
    assertFalse(nothing.getString("label").equals("Message"), nothing.encode());

    JsonObject martians = firstError(api.put("/api/v1/me/disclosure/items/focus_populations",
        new JsonObject().put("values", new JsonArray().add("martians"))));
    assertEquals("Populations and specialties of focus", martians.getString("label"));
    assertTrue(martians.getString("message").contains("young adults"), martians.encode());
    assertFalse(martians.getString("message").contains("young_adults"), martians.encode());

    JsonObject astrology = firstError(api.put("/api/v1/me/disclosure/items/lived_experience",
        new JsonObject().put("areas", new JsonArray().add("astrology"))));
    assertTrue(astrology.getString("message").contains("mental health"), astrology.encode());
    assertFalse(astrology.getString("message").contains("mental_health"), astrology.encode());
  }

  @Test
  void audienceValidationNamesTheEntryAndChecksTargetsAgainstMyRelationships() {
    Person owner = f.aPeer(org);
    Person elsewhere = f.aPeer(f.anOrganization());
    long notMyCircle = f.aCircle(org, f.aPeer(org));
    Api api = server.as(owner);
    save(api, ItemKind.PRONOUNS, owner.id());
    String path = "/api/v1/me/disclosure/items/pronouns/audiences";
    var badType = api.put(path, new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "everyone"))));
    assertEquals(List.of("audiences[0].type"), fields(badType));
    var past = api.put(path, new JsonObject().put("audiences", new JsonArray()
        .add(new JsonObject().put("type", "team").put("expiresAt", "2020-01-01"))));
    assertEquals(List.of("audiences[0].expiresAt"), fields(past));
    var farFuture = api.put(path, new JsonObject().put("audiences", new JsonArray()
        .add(new JsonObject().put("type", "team").put("expiresAt", "9999-12-31"))
        .add(new JsonObject().put("type", "organization").put("expiresAt", "2200-01-01T00:00:00Z"))));
    assertEquals(List.of("audiences[0].expiresAt", "audiences[1].expiresAt"), fields(farFuture));
    var extra = api.put(path, new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "team").put("circleId", 3))));
    assertEquals(List.of("audiences[0].circleId"), fields(extra));
    var targets = api.put(path, new JsonObject().put("audiences", new JsonArray()
        .add(new JsonObject().put("type", "organization"))
        .add(new JsonObject().put("type", "person").put("userId", elsewhere.id()))
        .add(new JsonObject().put("type", "circle").put("circleId", notMyCircle))
        .add(new JsonObject().put("type", "pairing").put("pairingId", 999_999))
        .add(new JsonObject().put("type", "person").put("userId", owner.id()))));
    assertEquals(400, targets.statusCode());
    assertEquals(List.of("audiences[1].userId", "audiences[2].circleId", "audiences[3].pairingId", "audiences[4].userId"), fields(targets));
    assertTrue(api.get("/api/v1/me/disclosure/items/pronouns").bodyAsJsonObject().getBoolean("onlyMe"), "a rejected change changes nothing");
    var unsaved = api.put("/api/v1/me/disclosure/items/recovery_story/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "team"))));
    assertEquals(409, unsaved.statusCode());
  }

  @Test
  void contentIsEncryptedAtRestAndNeverInHistoryOrAudit() {
    Person owner = f.aPeer(org);
    Api api = server.as(owner);
    for (ItemKind k : ItemKind.values()) {
      save(api, k, owner.id());
      share(api, k, new JsonObject().put("type", "organization"));
    }
    var rows = f.pool().preparedQuery("select kind, content from disclosure_items where owner_id = $1").execute(Tuple.of(owner.id())).await();
    assertEquals(ItemKind.values().length, rows.size());
    rows.forEach(r -> {
      byte[] raw = r.getBuffer("content").getBytes();
      String asText = new String(raw, StandardCharsets.ISO_8859_1);
      ItemKind k = ItemKind.parse(r.getString("kind"));
      String m = DisclosureTestData.marker(k, owner.id());
      if (m != null) {
        assertFalse(asText.contains(m), "plaintext of " + k + " is in the column");
      }
      assertFalse(asText.contains(k.field), "JSON of " + k + " is in the column");
      assertTrue(raw.length > 12 + 16, "IV and tag are stored");
    });
    var dump = f.pool().query("""
        select coalesce(string_agg(detail::text, ' '), '') from (
          select detail from audit_log union all select detail from disclosure_history) x""").execute().await()
        .iterator().next().getString(0);
    assertFalse(dump.contains("marker"), dump);
    assertFalse(dump.contains("they/them"), dump);
    // Each write uses a fresh IV: the same content saved twice is stored differently.
    byte[] before = f.pool().preparedQuery("select content from disclosure_items where owner_id = $1 and kind = 'pronouns'")
        .execute(Tuple.of(owner.id())).await().iterator().next().getBuffer(0).getBytes();
    save(api, ItemKind.PRONOUNS, owner.id());
    byte[] after = f.pool().preparedQuery("select content from disclosure_items where owner_id = $1 and kind = 'pronouns'")
        .execute(Tuple.of(owner.id())).await().iterator().next().getBuffer(0).getBytes();
    assertFalse(java.util.Arrays.equals(before, after));
  }

  @Test
  void ciphertextMovedToAnotherOwnersRowDoesNotOpen() {
    Person a = f.aPeer(org);
    Person b = f.aPeer(org);
    save(server.as(a), ItemKind.PRONOUNS, a.id());
    save(server.as(b), ItemKind.PRONOUNS, b.id());
    f.pool().preparedQuery("""
        update disclosure_items set content = (select content from disclosure_items where owner_id = $1 and kind = 'pronouns')
         where owner_id = $2 and kind = 'pronouns'""").execute(Tuple.of(a.id(), b.id())).await();
    assertEquals(500, server.as(b).get("/api/v1/me/disclosure/items/pronouns").statusCode());
  }

  @Test
  void expiredGrantsStopOnTheNextRequest() {
    Person owner = f.aPeer(org);
    Person viewer = f.aPeer(org);
    Api api = server.as(owner);
    save(api, ItemKind.LANGUAGES, owner.id());
    share(api, ItemKind.LANGUAGES, new JsonObject().put("type", "person").put("userId", viewer.id()).put("expiresAt", "2099-12-31"));
    JsonObject grant = api.get("/api/v1/me/disclosure/items/languages").bodyAsJsonObject().getJsonArray("audiences").getJsonObject(0);
    assertTrue(grant.getString("expiresAt").startsWith("2100-01-01"), grant.encode());
    Api v = server.as(viewer);
    assertEquals(List.of("languages"), seen(v, owner));
    f.pool().preparedQuery("update disclosure_grants set expires_at = now() - interval '1 second' where owner_id = $1")
        .execute(Tuple.of(owner.id())).await();
    assertEquals(List.of(), seen(v, owner));
  }

  @Test
  void narrowingRevokingAndHideAllTakeEffectOnTheNextRequest() {
    Person owner = f.aPeer(org);
    Person colleague = f.aPeer(org);
    Person teammate = f.aPeer(org);
    f.aTeam(org, owner, teammate);
    Api api = server.as(owner);
    Api c = server.as(colleague);
    Api t = server.as(teammate);
    save(api, ItemKind.PRONOUNS, owner.id());
    save(api, ItemKind.RECOVERY_STORY, owner.id());
    share(api, ItemKind.PRONOUNS, new JsonObject().put("type", "organization"));
    share(api, ItemKind.RECOVERY_STORY, new JsonObject().put("type", "team"));
    assertEquals(List.of("pronouns"), seen(c, owner));
    assertEquals(List.of("recovery_story", "pronouns").stream().sorted().toList(), seen(t, owner).stream().sorted().toList());
    share(api, ItemKind.PRONOUNS, new JsonObject().put("type", "team"));
    assertEquals(List.of(), seen(c, owner), "narrowed from organization to team");
    share(api, ItemKind.RECOVERY_STORY);
    assertEquals(List.of("pronouns"), seen(t, owner), "revoked to only me");
    var hide = api.post("/api/v1/me/disclosure/hide-all", new JsonObject());
    assertEquals(200, hide.statusCode());
    assertEquals(1, hide.bodyAsJsonObject().getInteger("audiencesRemoved"));
    assertEquals(List.of(), seen(t, owner));
    JsonArray history = api.get("/api/v1/me/disclosure/history").bodyAsJsonObject().getJsonArray("items");
    List<String> actions = history.stream().map(o -> ((JsonObject) o).getString("action")).toList();
    assertEquals("hide_all", actions.get(0));
    assertEquals(2, actions.stream().filter("item.saved"::equals).count());
    assertEquals(4, actions.stream().filter("audiences.changed"::equals).count());
  }

  @Test
  void leavingATeamOrCircleOrAnEndedPairingTakesAwayWhatItGave() {
    Person owner = f.aPeer(org);
    Person teammate = f.aPeer(org);
    Person member = f.aPeer(org);
    Person supervisor = f.aSupervisor(org);
    long team = f.aTeam(org, owner, teammate);
    long circle = f.aCircle(org, owner, member);
    long pairing = f.aPairing(supervisor, owner, "peer");
    Api api = server.as(owner);
    save(api, ItemKind.PRONOUNS, owner.id());
    save(api, ItemKind.ACCOMMODATIONS, owner.id());
    save(api, ItemKind.LANGUAGES, owner.id());
    share(api, ItemKind.PRONOUNS, new JsonObject().put("type", "team"));
    share(api, ItemKind.LANGUAGES, new JsonObject().put("type", "circle").put("circleId", circle));
    share(api, ItemKind.ACCOMMODATIONS, new JsonObject().put("type", "pairing").put("pairingId", pairing));
    assertEquals(List.of("pronouns"), seen(server.as(teammate), owner));
    assertEquals(List.of("languages"), seen(server.as(member), owner));
    assertEquals(List.of("accommodations"), seen(server.as(supervisor), owner));
    f.leaveTeam(team, teammate);
    f.leaveCircle(circle, member);
    f.endPairing(pairing);
    assertEquals(List.of(), seen(server.as(teammate), owner));
    assertEquals(List.of(), seen(server.as(member), owner));
    assertEquals(List.of(), seen(server.as(supervisor), owner));
    // The owner leaving the circle ends the circle grant for those who stay.
    Person stays = f.aPeer(org);
    long second = f.aCircle(org, owner, stays);
    share(api, ItemKind.LANGUAGES, new JsonObject().put("type", "circle").put("circleId", second));
    assertEquals(List.of("languages"), seen(server.as(stays), owner));
    f.leaveCircle(second, owner);
    assertEquals(List.of(), seen(server.as(stays), owner));
    // A new pairing with the same supervisor does not revive a grant to the ended one.
    f.aPairing(supervisor, owner, "peer");
    assertEquals(List.of(), seen(server.as(supervisor), owner));
  }

  @Test
  void adminsCanNeitherSeeNorGrantSomeoneElsesItems() {
    Person owner = f.aPeer(org);
    Person admin = f.anAdmin(org);
    Api api = server.as(owner);
    save(api, ItemKind.RECOVERY_STORY, owner.id());
    share(api, ItemKind.RECOVERY_STORY, new JsonObject().put("type", "team"));
    Api a = server.as(admin);
    var profile = a.get("/api/v1/people/" + owner.id() + "/profile");
    assertEquals(200, profile.statusCode());
    assertFalse(profile.bodyAsString().contains("marker"));
    assertEquals(List.of(), seen(a, owner));
    // There is no route that addresses another person's settings; "me" is always the caller.
    assertEquals(404, a.put("/api/v1/people/" + owner.id() + "/disclosure/items/recovery_story/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "organization")))).statusCode());
    var ownPut = a.put("/api/v1/me/disclosure/items/recovery_story/audiences",
        new JsonObject().put("audiences", new JsonArray().add(new JsonObject().put("type", "person").put("userId", owner.id()))));
    assertEquals(409, ownPut.statusCode(), "the admin's own (unsaved) item, not the owner's");
    assertEquals(List.of(), seen(a, owner));
    assertEquals(404, a.get("/api/v1/me/disclosure/preview?as=" + f.aPeer(f.anOrganization()).id()).statusCode());
  }

  @Test
  void aCommittedChangeIsPublishedOnTheEventBus() throws Exception {
    Person owner = f.aPeer(org);
    CompletableFuture<JsonObject> heard = new CompletableFuture<>();
    var consumer = server.vertx().eventBus().<JsonObject>consumer(DisclosureEvents.ADDRESS, m -> {
      if (m.body().getLong("ownerId") == owner.id()) {
        heard.complete(m.body());
      }
    });
    consumer.completion().await();
    try {
      Api api = server.as(owner);
      save(api, ItemKind.PRONOUNS, owner.id());
      assertEquals(owner.id(), heard.get(5, TimeUnit.SECONDS).getLong("ownerId"));
      CompletableFuture<JsonObject> again = new CompletableFuture<>();
      consumer.handler(m -> again.complete(m.body()));
      share(api, ItemKind.PRONOUNS, new JsonObject().put("type", "team"));
      assertEquals(owner.id(), again.get(5, TimeUnit.SECONDS).getLong("ownerId"));
      CompletableFuture<JsonObject> rejected = new CompletableFuture<>();
      consumer.handler(m -> rejected.complete(m.body()));
      assertEquals(400, api.put("/api/v1/me/disclosure/items/pronouns", new JsonObject()).statusCode());
      assertThrows(java.util.concurrent.TimeoutException.class, () -> rejected.get(500, TimeUnit.MILLISECONDS),
          "a rejected change publishes nothing");
    } finally {
      consumer.unregister().await();
    }
  }

  @Test
  void preventsTamperingWithTheLogs() {
    Person owner = f.aPeer(org);
    save(server.as(owner), ItemKind.PRONOUNS, owner.id());
    var ex = assertThrows(Exception.class, () -> f.pool().preparedQuery("delete from disclosure_history where owner_id = $1")
        .execute(Tuple.of(owner.id())).await());
    assertNotNull(ex.getMessage());
    assertTrue(ex.getMessage().contains("append-only"), ex.getMessage());
  }
}
