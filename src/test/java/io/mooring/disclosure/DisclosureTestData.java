package io.mooring.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Item content for tests, with markers unique to the owner so a page or dump can be searched for them. */
final class DisclosureTestData {
  private DisclosureTestData() {}

  static JsonObject content(ItemKind kind, long ownerId) {
    return switch (kind) {
      case IDENTIFIES_AS_PEER -> new JsonObject().put("value", true);
      case LIVED_EXPERIENCE -> new JsonObject().put("areas", new JsonArray().add("trauma").add("homelessness"));
      case RECOVERY_STORY -> new JsonObject().put("text", "story-marker-" + ownerId + " I found my footing again in 2015.");
      case ACCOMMODATIONS -> new JsonObject().put("text", "adjust-marker-" + ownerId + " quiet room before group sessions");
      case PRONOUNS -> new JsonObject().put("text", "they/them-" + ownerId);
      case LANGUAGES -> new JsonObject().put("values", new JsonArray().add("Tagalog-" + ownerId));
      case FOCUS_POPULATIONS -> new JsonObject().put("values", new JsonArray().add("veterans"));
      case TOPICS_TO_AVOID -> new JsonObject().put("text", "avoid-marker-" + ownerId + " details of my own hospital stays");
    };
  }

  /** A marker every text-bearing kind's content contains. */
  static String marker(ItemKind kind, long ownerId) {
    return switch (kind) {
      case RECOVERY_STORY -> "story-marker-" + ownerId;
      case ACCOMMODATIONS -> "adjust-marker-" + ownerId;
      case PRONOUNS -> "they/them-" + ownerId;
      case LANGUAGES -> "Tagalog-" + ownerId;
      case TOPICS_TO_AVOID -> "avoid-marker-" + ownerId;
      default -> null;
    };
  }
}
