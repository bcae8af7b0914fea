package io.mooring.disclosure;

import io.mooring.people.PeopleService;
import io.mooring.people.Person;
import io.mooring.platform.audit.AuditLog;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.auth.Keys;
import io.mooring.platform.db.Listener;
import io.mooring.platform.http.AppException;
import io.mooring.platform.http.DateTimes;
import io.mooring.platform.notify.Notifications;
import io.mooring.relations.Entitlement;
import io.mooring.relations.Memberships;
import io.mooring.relations.ProfileDisclosure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Disclosure: the owner's items and audiences, and what others are shown. Every read of someone
 * else's items goes through {@link DisclosurePolicy} and is written to the owner's access log in
 * the same request; previews use the same policy and are not logged.
 */
public final class DisclosureService implements ProfileDisclosure {
  private final Pool pool;
  private final PeopleService people;
  private final Memberships memberships;
  private final DisclosurePolicy policy;
  private final ContentCipher cipher;
  private final DisclosureEvents events;
  private final ItemViewers viewers;
  private final NewViewerNotices newViewers;
  private final ShownProfiles shown;

  public DisclosureService(Pool pool, PeopleService people, Keys keys, Vertx vertx, Listener listener,
                           Notifications notices) {
    this.pool = pool;
    this.people = people;
    this.memberships = new Memberships(pool);
    Entitlement entitlement = new Entitlement(pool);
    this.policy = new DisclosurePolicy(entitlement);
    this.viewers = new ItemViewers(pool, entitlement);
    this.newViewers = new NewViewerNotices(pool, viewers, notices);
    this.cipher = new ContentCipher(keys.contentKey(), keys.previousContentKeys());
    this.events = new DisclosureEvents(vertx, listener);
    this.shown = new ShownProfiles(pool, people, policy, cipher);
  }

  /** The periodic "someone new can see your items" sweep (it runs by itself; tests call it directly). */
  public Future<Integer> notifyNewViewers() {
    return newViewers.sweep();
  }

  // What others see: ShownProfiles, by DisclosurePolicy, logged.

  @Override
  public Future<Map<Long, JsonArray>> visibleProfiles(CurrentUser viewer, Collection<Long> subjectIds, String where) {
    return shown.visibleProfiles(viewer, subjectIds, where);
  }

  /** A colleague's profile as this viewer may see it; logged as a view unless it is the viewer's own. */
  public Future<Shown.Profile> profile(CurrentUser viewer, long subjectId, String where) {
    return shown.profile(viewer, subjectId, where);
  }

  /** Exactly what {@code asUserId} would be shown of my items, by the same policy; not a view, so not logged. */
  public Future<Shown.Profile> preview(CurrentUser me, long asUserId) {
    return shown.preview(me, asUserId);
  }

  // ---- the owner's settings ---------------------------------------------------------------------

  /** Every kind, in order, with my content and audiences (unsaved kinds have null content). */
  public Future<List<Shown.OwnItem>> myItems(CurrentUser me) {
    return DisclosureRepository.itemsOf(pool, me.orgId(), List.of(me.id())).map(stored -> {
      Map<ItemKind, StoredItem> byKind = new LinkedHashMap<>();
      stored.forEach(s -> byKind.put(s.kind(), s));
      List<Shown.OwnItem> out = new ArrayList<>();
      for (ItemKind k : ItemKind.values()) {
        StoredItem s = byKind.get(k);
        out.add(s == null ? new Shown.OwnItem(k, null, List.of(), null) : new Shown.OwnItem(k, shown.unseal(s), List.copyOf(s.grants()), s.updatedAt()));
      }
      return out;
    });
  }

  public Future<Shown.OwnItem> myItem(CurrentUser me, ItemKind kind) {
    return myItems(me).map(all -> all.stream().filter(i -> i.kind() == kind).findFirst().orElseThrow());
  }

  public Future<Shown.OwnItem> saveItem(CurrentUser me, ItemKind kind, JsonObject content) {
    byte[] sealed = cipher.encrypt(content.encode(), ContentCipher.aad(me.id(), kind.dbName()));
    return change(me, tx -> DisclosureRepository.upsertItem(tx, me.orgId(), me.id(), kind, sealed)
        .compose(id -> DisclosureRepository.recordChange(tx, me.id(), "item.saved", kind.dbName(), new JsonObject())))
        .compose(v -> myItem(me, kind));
  }

  /** Replaces the item's audiences; an empty list means "only me". Targets are checked against current relationships. */
  public Future<Shown.OwnItem> setAudiences(CurrentUser me, ItemKind kind, List<Grant> grants) {
    return AudienceCheck.verify(me, grants, people, memberships)
        .compose(v -> viewers.detect(me.id(), me.orgId(), false))
        .compose(v -> change(me, tx -> DisclosureRepository.itemId(tx, me.id(), kind).compose(itemId -> {
          if (itemId == null) {
            throw AppException.conflict("Write something for " + kind.dbName() + " before choosing who may see it.");
          }
          JsonArray summary = new JsonArray();
          grants.forEach(g -> summary.add(g.toJson()));
          return DisclosureRepository.replaceGrants(tx, itemId, me.id(), grants)
              .compose(x -> DisclosureRepository.recordChange(tx, me.id(), "audiences.changed", kind.dbName(),
                  new JsonObject().put("audiences", summary)))
              .compose(x -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "disclosure.audiences_changed")
                  .subject("disclosure_item", kind.dbName()).with("audiences", grants.size())));
        })))
        .compose(v -> viewers.detect(me.id(), me.orgId(), true))
        .compose(v -> myItem(me, kind));
  }

  /** One click back to "only me" for every item. */
  public Future<Integer> hideAll(CurrentUser me) {
    int[] removed = new int[1];
    return change(me, tx -> DisclosureRepository.deleteGrantsOf(tx, me.id()).compose(n -> {
      removed[0] = n;
      return DisclosureRepository.recordChange(tx, me.id(), "hide_all", null, new JsonObject().put("audiencesRemoved", n))
          .compose(x -> AuditLog.record(tx, AuditLog.Entry.of(me.orgId(), me.id(), "disclosure.hidden_all").with("audiencesRemoved", n)));
    })).compose(v -> viewers.detect(me.id(), me.orgId(), true)).map(v -> removed[0]);
  }

  /**
   * Who can see each of my items right now, by name, and who gained access since my last visit
   * (through someone else's change: a pairing, a team, a circle, a re-activated account). This visit
   * counts as having been told.
   */
  public Future<ItemViewers.Report> viewers(CurrentUser me) {
    return viewers.visit(me.id(), me.orgId());
  }

  /**
   * The single detection call for notifications: everyone who can now see one of this owner's items
   * and whom the owner has not been told of yet. Safe to call after any organizational change.
   */
  public Future<List<ItemViewers.NewViewer>> newViewers(long ownerId, long orgId) {
    return viewers.detect(ownerId, orgId, false).map(ItemViewers.Report::newSinceLastVisit);
  }

  /** A settings change in one transaction that also NOTIFYs; listeners hear of it only after commit. */
  private Future<Void> change(CurrentUser me, Function<SqlConnection, Future<Void>> work) {
    return pool.withTransaction(tx -> work.apply(tx).compose(v -> DisclosureRepository.notifyChanged(tx, me.id())))
        .onSuccess(v -> events.committed(me.id()));
  }

  /** What the settings page offers as audiences: colleagues, my current pairings (as supervisee), my circles. */
  public Future<AudienceChoices> audienceChoices(CurrentUser me) {
    return AudienceChoices.load(me, people, memberships);
  }

  /** The names of circles the settings page mentions (audiences, access log), by id; circles of other organizations are left out. */
  public Future<Map<Long, String>> circleNames(CurrentUser me, Collection<Long> circleIds) {
    return memberships.circleNames(me.orgId(), circleIds);
  }

  // ---- the owner's logs -------------------------------------------------------------------------

  public record View(long id, long viewerId, String viewerName, String kind, OffsetDateTime at, String where) {
    public JsonObject toJson() {
      return new JsonObject().put("id", id).put("viewerId", viewerId).put("viewerName", viewerName).put("kind", kind)
          .put("at", DateTimes.text(at)).put("where", where);
    }
  }

  public Future<List<View>> accessLog(CurrentUser me, long before, int limit) {
    return DisclosureRepository.accessLog(pool, me.id(), before, limit).compose(views -> (views.isEmpty()
        ? Future.succeededFuture(List.<Person>of()) : people.everyone(me.orgId()))
        .map(found -> {
          Map<Long, String> names = new LinkedHashMap<>();
          found.forEach((Person p) -> names.put(p.id(), p.displayName()));
          return views.stream().map(v -> new View(v.id(), v.viewerId(), names.getOrDefault(v.viewerId(), "Former colleague"),
              v.kind(), v.at(), v.where())).toList();
        }));
  }

  public Future<JsonArray> history(CurrentUser me, long before, int limit) {
    return DisclosureRepository.history(pool, me.id(), before, limit).map(changes -> {
      JsonArray out = new JsonArray();
      changes.forEach(c -> out.add(new JsonObject().put("id", c.id()).put("at", DateTimes.text(c.at())).put("action", c.action())
          .put("kind", c.kind()).put("detail", c.detail())));
      return out;
    });
  }
}
