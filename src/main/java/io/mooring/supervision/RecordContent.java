package io.mooring.supervision;

import io.mooring.platform.http.AppException;
import io.mooring.platform.http.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The strength-based record template: completeness rules for finalization, language hints over every
 * narrative field, and the content hash. Reading a draft body is {@link RecordDraft}.
 */
public final class RecordContent {
  public static final List<String> DOMAINS = List.of(
      "Foundations of Peer Support", "Foundations of Healthcare Systems",
      "Mentoring, Shared Learning and Relationship Building", "Activation and Self-management",
      "Advocacy", "Professional and Ethical Responsibilities");
  public static final Set<String> SESSION_TYPES = Set.of("individual", "group", "direct_observation");
  public static final Set<String> MODALITIES = Set.of("in_person", "video", "phone");
  public static final Set<String> DECISIONS = Set.of("done", "dropped", "carried");
  static final String[] FIELDS = {"session", "strengths", "wins", "growthGoals", "roleClarityNotes", "challenges",
      "wellbeing", "actionItems", "itemDecisions", "roleClarity"};

  private RecordContent() {}

  /** A fresh draft: the session's own facts and empty sections. */
  public static JsonObject empty(JsonObject session) {
    return new JsonObject().put("session", session).put("strengths", new JsonArray()).put("wins", new JsonArray())
        .put("growthGoals", new JsonArray()).put("roleClarityNotes", "").put("challenges", "").putNull("wellbeing")
        .put("actionItems", new JsonArray()).put("itemDecisions", new JsonArray())
        .put("roleClarity", new JsonObject().put("discussedFlagIds", new JsonArray()));
  }

  /** Refuses to sign a record without a strength backed by an example, or with earlier open items undecided. */
  public static void requireComplete(JsonObject content, List<Supervision.ActionItem> openItems) {
    List<AppException.FieldError> errors = new ArrayList<>();
    if (content.getJsonArray("strengths").isEmpty()) {
      errors.add(new AppException.FieldError("strengths", "name at least one strength, with a specific example"));
    }
    Set<Long> decided = new TreeSet<>();
    content.getJsonArray("itemDecisions").forEach(o -> decided.add(((JsonObject) o).getLong("itemId")));
    if (decided.size() < content.getJsonArray("itemDecisions").size()) {
      // A draft saved before RecordDraft refused these: sign it and the item would be reviewed twice.
      errors.add(new AppException.FieldError("itemDecisions", "an item is decided more than once: give each item one decision"));
    }
    Set<Long> open = new TreeSet<>();
    for (Supervision.ActionItem item : openItems) {
      open.add(item.id());
      if (!decided.contains(item.id())) {
        // Named by its words, as the form shows it: the id means nothing to the person signing.
        errors.add(new AppException.FieldError("itemDecisions", "“" + item.body() + "” needs a decision: done, dropped or carried"));
      }
    }
    if (decided.stream().anyMatch(id -> !open.contains(id))) {
      errors.add(new AppException.FieldError("itemDecisions", "an item decided here was closed meanwhile: reload the page"));
    }
    if (!errors.isEmpty()) {
      throw new AppException(ErrorCode.INVALID, "The record is not ready to sign.", errors, null);
    }
  }

  /** The signed record names each decided earlier item by its words, so readers never see a bare id. */
  static JsonObject withItemTexts(JsonObject content, List<Supervision.ActionItem> openItems) {
    content.getJsonArray("itemDecisions").forEach(o -> {
      JsonObject d = (JsonObject) o;
      openItems.stream().filter(i -> i.id() == d.getLong("itemId")).findFirst().ifPresent(i -> d.put("text", i.body()));
    });
    return content;
  }

  /** The drift flags a draft marks as discussed; each must be one of the supervisee's open flags. */
  public static List<Long> discussedFlagIds(JsonObject content) {
    List<Long> out = new ArrayList<>();
    JsonObject rc = content.getJsonObject("roleClarity");
    JsonArray ids = rc == null ? null : rc.getJsonArray("discussedFlagIds");
    if (ids != null) {
      ids.forEach(o -> out.add(((Number) o).longValue()));
    }
    return out;
  }

  /** Refuses flag ids that are not open flags of this supervisee (resolved meanwhile, someone else's, made up). */
  public static void requireOpenFlags(List<Long> discussed, Set<Long> openFlagIds) {
    List<AppException.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < discussed.size(); i++) {
      if (!openFlagIds.contains(discussed.get(i))) {
        errors.add(new AppException.FieldError("roleClarity.discussedFlagIds[" + i + "]", "is not an open drift flag of this supervisee"));
      }
    }
    if (!errors.isEmpty()) {
      throw new AppException(ErrorCode.INVALID, errors.get(0).field() + " " + errors.get(0).message(), errors, null);
    }
  }

  /** Hints over every narrative field, named by where they were found. */
  public static List<LanguageHints.Hint> hints(JsonObject c) {
    List<LanguageHints.Hint> out = new ArrayList<>();
    eachText(c, (field, text) -> out.addAll(LanguageHints.find(field, text)));
    return out;
  }

  /** SHA-256 over a canonical encoding (object keys sorted), so the same content always hashes the same. */
  public static String hash(JsonObject content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonical(content).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(Object v) {
    if (v instanceof JsonObject o) {
      StringBuilder b = new StringBuilder("{");
      new TreeSet<>(o.fieldNames()).forEach(k -> b.append(b.length() > 1 ? "," : "")
          .append(canonical((Object) k)).append(':').append(canonical(o.getValue(k))));
      return b.append('}').toString();
    }
    if (v instanceof JsonArray a) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < a.size(); i++) {
        b.append(i > 0 ? "," : "").append(canonical(a.getValue(i)));
      }
      return b.append(']').toString();
    }
    String one = new JsonArray().add(v).encode();
    return one.substring(1, one.length() - 1);
  }

  interface TextVisitor {
    void visit(String field, String text);
  }

  static void eachText(JsonObject c, TextVisitor v) {
    JsonArray strengths = c.getJsonArray("strengths", new JsonArray());
    for (int i = 0; i < strengths.size(); i++) {
      v.visit("strengths[" + i + "].text", strengths.getJsonObject(i).getString("text"));
      v.visit("strengths[" + i + "].example", strengths.getJsonObject(i).getString("example"));
    }
    JsonArray wins = c.getJsonArray("wins", new JsonArray());
    for (int i = 0; i < wins.size(); i++) {
      v.visit("wins[" + i + "]", wins.getString(i));
    }
    JsonArray goals = c.getJsonArray("growthGoals", new JsonArray());
    for (int i = 0; i < goals.size(); i++) {
      v.visit("growthGoals[" + i + "].text", goals.getJsonObject(i).getString("text"));
    }
    v.visit("roleClarityNotes", c.getString("roleClarityNotes"));
    v.visit("challenges", c.getString("challenges"));
    v.visit("wellbeing", c.getString("wellbeing"));
    JsonArray items = c.getJsonArray("actionItems", new JsonArray());
    for (int i = 0; i < items.size(); i++) {
      v.visit("actionItems[" + i + "].text", items.getJsonObject(i).getString("text"));
    }
  }
}
