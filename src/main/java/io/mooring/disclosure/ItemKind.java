package io.mooring.disclosure;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.Input;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a peer can disclose, each a separate item with its own shape and its own audiences. */
public enum ItemKind {
  IDENTIFIES_AS_PEER("Whether I identify as a peer at work", "value"),
  LIVED_EXPERIENCE("Areas of lived experience", "areas"),
  RECOVERY_STORY("My recovery story", "text"),
  ACCOMMODATIONS("Work adjustments that help me (not diagnoses)", "text"),
  PRONOUNS("Pronouns", "text"),
  LANGUAGES("Languages", "values"),
  FOCUS_POPULATIONS("Populations and specialties of focus", "values"),
  TOPICS_TO_AVOID("Topics I prefer not to discuss at work", "text");

  public static final List<String> AREAS = List.of("mental_health", "substance_use", "trauma", "justice_involvement",
      "homelessness", "family_caregiver", "other");
  public static final List<String> POPULATIONS = List.of("youth", "young_adults", "later_life", "veterans", "co_occurring",
      "lgbtq", "families", "reentry", "unhoused", "other");
  public static final Set<String> NAMES = names();
  // The API contract (DisclosureItemContent) says the same limits; DisclosureContractTest keeps them equal.
  static final int MAX_LANGUAGES = 12;
  static final int MAX_VALUE_LENGTH = 60;
  static final int MAX_PRONOUNS = 40;
  static final int MAX_STORY = 8000;
  static final int MAX_NOTE = 2000;

  public final String label;
  /** The one JSON field that carries this item's content. */
  public final String field;

  ItemKind(String label, String field) {
    this.label = label;
    this.field = field;
  }

  public String dbName() {
    return name().toLowerCase();
  }

  public static Optional<ItemKind> find(String name) {
    return Arrays.stream(values()).filter(k -> k.dbName().equals(name)).findFirst();
  }

  /** The kind in a path, or a 400 naming the field when it is not one of ours. */
  public static ItemKind parse(String name) {
    return find(name).orElseThrow(() -> AppException.invalid("kind", "must be one of " + String.join(", ", NAMES)));
  }

  /** Reads and validates this kind's content from a request body; problems are collected in {@code in}. */
  public JsonObject read(Input in) {
    in.only(field);
    JsonObject out = new JsonObject();
    switch (this) {
      case IDENTIFIES_AS_PEER -> {
        if (!in.has(field)) {
          in.fail(field, "is required");
        }
        out.put(field, in.bool(field, false));
      }
      case LIVED_EXPERIENCE -> out.put(field, required(in, in.stringList(field, AREAS.size(), MAX_VALUE_LENGTH, AREAS)));
      case FOCUS_POPULATIONS -> out.put(field, required(in, in.stringList(field, POPULATIONS.size(), MAX_VALUE_LENGTH, POPULATIONS)));
      case LANGUAGES -> out.put(field, required(in, in.stringList(field, MAX_LANGUAGES, MAX_VALUE_LENGTH, null)));
      case PRONOUNS -> out.put(field, in.string(field, 1, MAX_PRONOUNS));
      case RECOVERY_STORY -> out.put(field, in.string(field, 1, MAX_STORY));
      case ACCOMMODATIONS -> out.put(field, in.string(field, 1, MAX_NOTE));
      case TOPICS_TO_AVOID -> out.put(field, in.string(field, 1, MAX_NOTE));
      default -> throw new IllegalStateException();
    }
    return out;
  }

  private JsonArray required(Input in, List<String> values) {
    if (!in.has(field)) {
      in.fail(field, "is required");
    } else if (values.isEmpty() && in.ok()) {
      in.fail(field, "must have at least one entry");
    }
    return new JsonArray(List.copyOf(new LinkedHashSet<>(values)));
  }

  /** A short human reading of the content, for pages (jte escapes it). */
  public static String describe(ItemKind kind, JsonObject content) {
    Object v = content.getValue(kind.field);
    if (v instanceof Boolean b) {
      return b ? "Yes, I identify as a peer at work" : "No";
    }
    if (v instanceof JsonArray a) {
      return String.join(", ", a.stream().map(x -> String.valueOf(x).replace('_', ' ')).toList());
    }
    return v == null ? "" : v.toString();
  }

  private static Set<String> names() {
    Set<String> s = new LinkedHashSet<>();
    for (ItemKind k : values()) {
      s.add(k.dbName());
    }
    return java.util.Collections.unmodifiableSet(s);
  }
}
