package io.mooring.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageHintsTest {
  @Test
  void findsDeficitAndClinicalLabelsWithAlternatives() {
    String text = "The client was non-compliant and manipulative, a frequent flyer; the addict seemed resistant. "
        + "Another is low-functioning, a schizophrenic, a borderline.";
    List<String> terms = LanguageHints.find("notes", text).stream().map(LanguageHints.Hint::term).toList();
    assertEquals(List.of("non-compliant", "manipulative", "frequent flyer", "addict", "resistant", "low-functioning", "schizophrenic",
        "borderline"), terms);
    LanguageHints.find("notes", text).forEach(h -> {
      assertEquals("notes", h.field());
      assertTrue(!h.suggestion().isBlank());
      assertEquals(h.term(), text.substring(h.start(), h.end()).toLowerCase());
    });
  }

  @Test
  void strengthBasedLanguageHasNoHints() {
    assertTrue(LanguageHints.find("x", "Sam shared his own recovery story and the person chose their next step.").isEmpty());
    assertTrue(LanguageHints.find("x", null).isEmpty());
    assertTrue(LanguageHints.find("x", "Her addiction recovery advocacy").isEmpty(), "only labels for people, not topics");
  }

  @Test
  void hintsNameTheRecordFieldTheyCameFrom() {
    JsonObject c = RecordContent.empty(new JsonObject()).put("strengths", new JsonArray()
        .add(new JsonObject().put("text", "Patience").put("example", "stayed with a resistant caller")))
        .put("challenges", "Team calls him a frequent flyer");
    var hints = RecordContent.hints(c);
    assertEquals(List.of("strengths[0].example", "challenges"), hints.stream().map(LanguageHints.Hint::field).toList());
  }
}
