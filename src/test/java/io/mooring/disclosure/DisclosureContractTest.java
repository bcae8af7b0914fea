package io.mooring.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mooring.platform.http.ApiContract;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The document lists exactly the item kinds the code knows, wherever a kind appears in a path; and, since items
 * and audiences are read by one Java reader shared with the pages (ItemKind.read, AudienceInput), the contract's
 * limits for them are the reader's (issue 16), so the two cannot disagree on shape.
 */
class DisclosureContractTest {
  private static final JsonObject SCHEMAS = ApiContract.assembleFromResources().getJsonObject("components").getJsonObject("schemas");

  @Test
  void itemContentLimitsAreTheReaders() {
    JsonObject p = SCHEMAS.getJsonObject("DisclosureItemContent").getJsonObject("properties");
    Set<String> fields = new TreeSet<>();
    for (ItemKind k : ItemKind.values()) {
      fields.add(k.field);
    }
    assertEquals(fields, new TreeSet<>(p.fieldNames()));
    JsonObject areas = p.getJsonObject("areas");
    assertEquals(ItemKind.AREAS, areas.getJsonObject("items").getJsonArray("enum").getList());
    assertEquals(ItemKind.AREAS.size(), areas.getInteger("maxItems"));
    JsonObject values = p.getJsonObject("values");
    // One schema serves languages and focus populations (the kind is in the path); its bound is the larger, languages'.
    assertEquals(Math.max(ItemKind.MAX_LANGUAGES, ItemKind.POPULATIONS.size()), values.getInteger("maxItems"));
    assertEquals(ItemKind.MAX_VALUE_LENGTH, values.getJsonObject("items").getInteger("maxLength"));
    assertEquals("\\S", values.getJsonObject("items").getString("pattern"));
    assertEquals(Math.max(ItemKind.MAX_STORY, Math.max(ItemKind.MAX_NOTE, ItemKind.MAX_PRONOUNS)), p.getJsonObject("text").getInteger("maxLength"));
    assertEquals("\\S", p.getJsonObject("text").getString("pattern"));
  }

  @Test
  void audienceTypesTargetsAndListSizeAreTheReaders() {
    JsonObject audience = SCHEMAS.getJsonObject("DisclosureAudience").getJsonObject("properties");
    assertEquals(new TreeSet<>(Audience.NAMES), new TreeSet<>(audience.getJsonObject("type").getJsonArray("enum").getList()));
    Set<String> fields = new TreeSet<>(Set.of("type", "expiresAt"));
    for (Audience a : Audience.values()) {
      if (a.hasTarget()) {
        fields.add(a.targetField);
      }
    }
    assertEquals(fields, new TreeSet<>(audience.fieldNames()));
    assertEquals(AudienceInput.MAX, SCHEMAS.getJsonObject("DisclosureAudiences").getJsonObject("properties").getJsonObject("audiences")
        .getInteger("maxItems"));
  }

  @Test
  void everyKindParameterHasTheCodesKindsAsItsEnum() {
    JsonObject paths = ApiContract.assembleFromResources().getJsonObject("paths");
    List<String> checked = new ArrayList<>();
    paths.forEach(p -> ((JsonObject) p.getValue()).forEach(op -> {
      if (op.getValue() instanceof JsonObject o && o.getJsonArray("parameters") != null) {
        o.getJsonArray("parameters").stream().map(JsonObject.class::cast).filter(x -> "kind".equals(x.getString("name")) && "path".equals(x.getString("in")))
            .forEach(x -> {
              Set<Object> documented = new TreeSet<>(x.getJsonObject("schema").getJsonArray("enum").getList());
              assertEquals(new TreeSet<>(ItemKind.NAMES), documented, p.getKey());
              checked.add(op.getKey() + " " + p.getKey());
            });
      }
    }));
    assertEquals(3, checked.size(), checked.toString());
  }
}
