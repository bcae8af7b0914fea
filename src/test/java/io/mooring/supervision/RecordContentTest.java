package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mooring.platform.http.AppException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordContentTest {
  static JsonObject session() {
    return new JsonObject().put("type", "individual").put("modality", "video").put("startsAt", "2026-03-10T10:00-05:00")
        .put("durationMinutes", 60);
  }

  @Test
  void hashIsStableWhateverTheKeyOrderAndChangesWithContent() {
    JsonObject a = new JsonObject().put("b", 1).put("a", new JsonObject().put("y", "é").put("x", new JsonArray().add(1).add("two")));
    JsonObject b = new JsonObject().put("a", new JsonObject().put("x", new JsonArray().add(1).add("two")).put("y", "é")).put("b", 1);
    assertEquals(RecordContent.hash(a), RecordContent.hash(b));
    assertEquals(64, RecordContent.hash(a).length());
    assertNotEquals(RecordContent.hash(a), RecordContent.hash(b.copy().put("b", 2)));
  }

  @Test
  void finalizationNeedsAStrengthAndADecisionForEveryOpenItem() {
    JsonObject draft = RecordDraft.parse(new JsonObject().put("session", session()));
    AppException e = assertThrows(AppException.class, () -> RecordContent.requireComplete(draft, List.of(item(11L))));
    assertEquals(2, e.fieldErrors().size());
    JsonObject ready = RecordDraft.parse(new JsonObject().put("session", session())
        .put("strengths", new JsonArray().add(new JsonObject().put("text", "Advocacy").put("example", "Spoke up at intake for Ann's choice")))
        .put("itemDecisions", new JsonArray().add(new JsonObject().put("itemId", 11).put("decision", "carried"))));
    RecordContent.requireComplete(ready, List.of(item(11L)));
    assertTrue(e.fieldErrors().get(1).message().contains("“Call the housing office”"), e.fieldErrors().toString());
  }

  /** What the contract cannot say: a start and a due date the calendar has (the shape itself is SupervisionRecordIT's). */
  @Test
  void datesTheCalendarDoesNotHaveAreNamed() {
    JsonObject body = new JsonObject().put("session", session().put("startsAt", "2026-02-30T10:00:00Z"))
        .put("actionItems", new JsonArray().add(new JsonObject().put("text", "Call").put("ownerId", 3).put("dueDate", "2026-04-31")));
    AppException e = assertThrows(AppException.class, () -> RecordDraft.parse(body));
    String fields = e.fieldErrors().toString();
    assertTrue(fields.contains("field=session.startsAt,") && fields.contains("field=actionItems[0].dueDate,"), fields);
  }

  /** A draft stored with an item decided twice (before RecordDraft refused it) is named at signing, not a bare 409. */
  @Test
  void aStoredDraftDecidingAnItemTwiceIsNotReadyToSign() {
    JsonObject stored = RecordContent.empty(session());
    stored.getJsonArray("strengths").add(new JsonObject().put("text", "Advocacy").put("example", "Spoke up at intake"));
    stored.getJsonArray("itemDecisions").add(new JsonObject().put("itemId", 11L).put("decision", "done"))
        .add(new JsonObject().put("itemId", 11L).put("decision", "carried"));
    AppException e = assertThrows(AppException.class, () -> RecordContent.requireComplete(stored, List.of(item(11L))));
    assertEquals("itemDecisions", e.fieldErrors().get(0).field(), e.fieldErrors().toString());
  }

  private static Supervision.ActionItem item(long id) {
    return new Supervision.ActionItem(id, 1, 1, "Call the housing office", 2, null, "open");
  }
}
