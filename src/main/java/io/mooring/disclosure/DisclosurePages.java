package io.mooring.disclosure;

import io.mooring.people.Organization;
import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.Http;
import io.mooring.platform.http.Input;
import io.mooring.platform.web.Forms;
import io.mooring.platform.web.Pages;
import io.mooring.platform.web.Shell;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** My disclosure settings page (items, audiences, hide all, preview, access log, history) and a colleague's profile page. */
public final class DisclosurePages {
  static final String WHERE_PAGE = "profile_page";
  /** Circles log a member card's views as "circle:" and the circle's id (circles.CircleService). */
  static final String WHERE_CIRCLE = "circle:";

  private final DisclosureService disclosure;
  private final PeopleService people;

  DisclosurePages(DisclosureService disclosure, PeopleService people) {
    this.disclosure = disclosure;
    this.people = people;
  }

  public record SettingsPage(Shell shell, List<Shown.OwnItem> items, AudienceChoices options,
                             Shown.Profile preview, Long previewAs, String previewName, List<DisclosureService.View> accessLog, List<HistoryRow> history,
                             List<String> errors, ItemViewers.Report viewers, String errorKind, java.time.ZoneId zone,
                             Map<Long, String> circleNames) {
    public List<String> areas() {
      return ItemKind.AREAS;
    }

    public List<String> populations() {
      return ItemKind.POPULATIONS;
    }

    /** Everyone who can see this item right now, by name ("only you" when nobody else can). */
    public String viewersOf(Shown.OwnItem item) {
      List<String> names = viewers.items().stream().filter(v -> v.kind() == item.kind()).flatMap(v -> v.viewers().stream())
          .map(ItemViewers.Named::name).toList();
      return names.isEmpty() ? "only you" : String.join(", ", names);
    }

    /** A circle by its name, as its members know it. */
    public String circleName(long id) {
      return circleNames.getOrDefault(id, "circle " + id);
    }

    /** Where a view happened, in plain words. */
    public String whereOf(DisclosureService.View v) {
      return place(v.where(), circleNames);
    }

    /** The item as this page calls it. */
    public String itemOf(DisclosureService.View v) {
      return itemLabel(v.kind());
    }

    /** The earliest expiry among an item's grants, as a date for the date input (empty when none). */
    public String expiryOf(Shown.OwnItem item) {
      return item.grants().stream().map(Grant::expiresAt).filter(java.util.Objects::nonNull).sorted().findFirst()
          .map(t -> t.toLocalDate().minusDays(t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? 1 : 0).toString()).orElse("");
    }
  }

  public record HistoryRow(String at, String action, String kind, String detail) {}

  public record ProfilePage(Shell shell, Shown.Profile profile, boolean own) {}

  void settings(RoutingContext ctx) {
    render(ctx, 200, List.of(), null);
  }

  /** {@code errorKind}: the item whose form failed; its errors are shown in place, where the person was. */
  private void render(RoutingContext ctx, int status, List<String> errors, String errorKind) {
    CurrentUser me = CurrentUser.of(ctx);
    String as = ctx.request().getParam("as");
    Long previewAs = parseId(as);
    Future<Shown.Profile> preview = previewAs == null || previewAs == me.id() ? Future.succeededFuture() : disclosure.preview(me, previewAs);
    Future.all(List.of(disclosure.myItems(me), disclosure.audienceChoices(me), preview, disclosure.accessLog(me, Long.MAX_VALUE, 50),
        disclosure.history(me, Long.MAX_VALUE, 50), disclosure.viewers(me), people.organization(me.orgId()))).compose(all -> {
          AudienceChoices options = all.resultAt(1);
          List<DisclosureService.View> log = all.resultAt(3);
          String previewName = previewAs == null ? null : options.colleagues().stream().filter(p -> p.id() == previewAs)
              .map(Person::displayName).findFirst().orElse(null);
          Set<Long> circles = new HashSet<>(options.circleIds());
          log.forEach(v -> circleOf(v.where()).ifPresent(circles::add));
          return disclosure.circleNames(me, circles).onSuccess(names -> Pages.send(ctx, status, "disclosure/settings.jte",
              new SettingsPage(Shell.of(ctx, "My disclosure", "disclosure"), all.resultAt(0), options, all.resultAt(2), previewAs, previewName,
                  log, historyRows(all.resultAt(4)), errors, all.resultAt(5), errorKind, ((Organization) all.resultAt(6)).timeZone(), names)));
        }).onFailure(ctx::fail);
  }

  void saveItem(RoutingContext ctx) {
    ItemKind kind = DisclosureApi.kind(ctx);
    Input in = Input.of(itemForm(kind, ctx.request().formAttributes()));
    JsonObject content = kind.read(in);
    formResult(ctx, in, kind, () -> disclosure.saveItem(CurrentUser.of(ctx), kind, content).mapEmpty());
  }

  void setAudiences(RoutingContext ctx) {
    ItemKind kind = DisclosureApi.kind(ctx);
    Input in = Input.of(audienceForm(ctx.request().formAttributes()));
    List<Grant> grants = AudienceInput.read(in, OffsetDateTime.now());
    formResult(ctx, in, kind, () -> disclosure.setAudiences(CurrentUser.of(ctx), kind, grants).mapEmpty());
  }

  void hideAll(RoutingContext ctx) {
    formResult(ctx, Input.of(new JsonObject()), null, () -> disclosure.hideAll(CurrentUser.of(ctx)).mapEmpty());
  }

  void profile(RoutingContext ctx) {
    CurrentUser me = CurrentUser.of(ctx);
    long id = Http.pathId(ctx, "userId");
    disclosure.profile(me, id, WHERE_PAGE).onSuccess(p -> Pages.send(ctx, "disclosure/profile.jte",
        new ProfilePage(Shell.of(ctx, p.displayName(), ""), p, id == me.id()))).onFailure(ctx::fail);
  }

  /** Form fields into the same JSON the API takes, so one validation serves both. */
  static JsonObject itemForm(ItemKind kind, MultiMap f) {
    JsonObject json = new JsonObject();
    switch (kind) {
      // Only the two radio values are answers; anything else stays as sent, so the reader refuses it naming the field.
      case IDENTIFIES_AS_PEER -> json.put(kind.field, "true".equals(f.get("value")) ? Boolean.TRUE
          : "false".equals(f.get("value")) ? Boolean.FALSE : f.get("value"));
      case LIVED_EXPERIENCE, FOCUS_POPULATIONS -> json.put(kind.field, new JsonArray(new ArrayList<>(f.getAll(kind.field))));
      case LANGUAGES -> json.put(kind.field, new JsonArray(f.get("values") == null ? List.of()
          : Arrays.stream(f.get("values").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
      default -> json.put(kind.field, f.get(kind.field));
    }
    return json;
  }

  /** Checkbox values "supervisors", "team", "organization", "pairing:ID", "circle:ID", plus a "person" multi-select and one expiry date. */
  static JsonObject audienceForm(MultiMap f) {
    String expires = f.get("expiresAt");
    JsonArray audiences = new JsonArray();
    List<String> values = new ArrayList<>(f.getAll("audience"));
    f.getAll("person").forEach(p -> values.add("person:" + p));
    for (String v : values) {
      String[] parts = v.split(":", 2);
      JsonObject a = new JsonObject().put("type", parts[0]);
      Audience.find(parts[0]).filter(Audience::hasTarget).ifPresent(aud -> a.put(aud.targetField, parts.length > 1 ? parseId(parts[1]) : null));
      if (expires != null && !expires.isBlank()) {
        a.put("expiresAt", expires);
      }
      audiences.add(a);
    }
    return new JsonObject().put("audiences", audiences);
  }

  /** Saved: back to the same item (#item-kind), so a long page does not jump to the top. */
  private void formResult(RoutingContext ctx, Input in, ItemKind kind, Supplier<Future<Void>> action) {
    String kindName = kind == null ? null : kind.dbName();
    Forms.submit(ctx, in, action, "/disclosure?done=saved" + (kind == null ? "" : "#item-" + kindName),
        (status, errors) -> render(ctx, status, errors, kindName));
  }

  private static List<HistoryRow> historyRows(JsonArray items) {
    List<HistoryRow> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonObject o = items.getJsonObject(i);
      out.add(new HistoryRow(o.getString("at"), historyAction(o.getString("action")),
          o.getString("kind") == null ? "all items" : itemLabel(o.getString("kind")), o.getJsonObject("detail").encode()));
    }
    return out;
  }

  /** A settings change as its owner says it (the history stores codes: DisclosureService's recordChange calls). */
  static String historyAction(String action) {
    return switch (action) {
      case "item.saved" -> "Saved";
      case "audiences.changed" -> "Changed who may see";
      case "hide_all" -> "Hid from everyone";
      default -> action.replace('_', ' ').replace('.', ' ');
    };
  }

  /** The circle a view in a circle was recorded with ("circle:ID", from its member cards), if it was one. */
  static java.util.Optional<Long> circleOf(String where) {
    return where.startsWith(WHERE_CIRCLE) ? java.util.Optional.ofNullable(parseId(where.substring(WHERE_CIRCLE.length())))
        : java.util.Optional.empty();
  }

  /** Where an item was shown, as its owner reads it; circles by name where {@code circleNames} knows them. */
  static String place(String where, Map<Long, String> circleNames) {
    return switch (where) {
      case WHERE_PAGE -> "your profile page";
      case DisclosureApi.WHERE_API -> "the app or API";
      case "supervision_page" -> "a supervision session page";
      default -> circleOf(where).map(id -> circleNames.containsKey(id) ? "a member card in " + circleNames.get(id) : "a circle member card")
          .orElse(where.replace('_', ' '));
    };
  }

  /** An item's label ("Work adjustments that help me (not diagnoses)"), from its stored kind. */
  static String itemLabel(String kind) {
    return ItemKind.find(kind).map(k -> k.label).orElse(kind.replace('_', ' '));
  }

  static Long parseId(String s) {
    try {
      long v = s == null ? -1 : Long.parseLong(s.trim());
      return v > 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
