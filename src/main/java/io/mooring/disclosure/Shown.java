package io.mooring.disclosure;

import io.mooring.platform.http.DateTimes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;

/** Records the service hands out: opened items, the owner's own settings, a colleague's profile. */
public final class Shown {
  private Shown() {}

  /**
   * One item as a viewer is shown it. {@code onlyMe}: the viewer is its owner and nobody else can see
   * it now, so a list showing the owner's own card can say so instead of presenting it as shared.
   */
  public record Item(ItemKind kind, JsonObject content, OffsetDateTime updatedAt, boolean onlyMe) {
    public Item(ItemKind kind, JsonObject content, OffsetDateTime updatedAt) {
      this(kind, content, updatedAt, false);
    }

    public String text() {
      return ItemKind.describe(kind, content);
    }

    public JsonObject toJson() {
      JsonObject o = new JsonObject().put("kind", kind.dbName()).put("label", kind.label).put("content", content.copy())
          .put("updatedAt", DateTimes.text(updatedAt));
      return onlyMe ? o.put("onlyMe", true) : o;
    }
  }

  /** One item as its owner manages it; {@code content} is null until the owner writes something. */
  public record OwnItem(ItemKind kind, JsonObject content, List<Grant> grants, OffsetDateTime updatedAt) {
    public boolean saved() {
      return content != null;
    }

    public boolean onlyMe() {
      return grants.isEmpty();
    }

    public String text() {
      return content == null ? "" : ItemKind.describe(kind, content);
    }

    public boolean has(Audience a) {
      return grants.stream().anyMatch(g -> g.audience() == a);
    }

    public boolean has(Audience a, long target) {
      return grants.stream().anyMatch(g -> g.audience() == a && g.targetId() != null && g.targetId() == target);
    }

    public JsonObject toJson() {
      JsonArray aud = new JsonArray();
      grants.forEach(g -> aud.add(g.toJson()));
      return new JsonObject().put("kind", kind.dbName()).put("label", kind.label).put("saved", saved())
          .put("content", content == null ? null : content.copy()).put("audiences", aud).put("onlyMe", onlyMe())
          .put("updatedAt", DateTimes.text(updatedAt));
    }
  }

  /** A person as a viewer may see them: name plus the items the policy opens. */
  public record Profile(long id, String displayName, List<Item> items) {
    public JsonObject toJson() {
      JsonArray arr = new JsonArray();
      items.forEach(i -> arr.add(i.toJson()));
      return new JsonObject().put("id", id).put("displayName", displayName).put("items", arr);
    }
  }
}
