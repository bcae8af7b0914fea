package io.mooring.disclosure;

import io.mooring.people.PeopleService;
import io.mooring.platform.auth.CurrentUser;
import io.mooring.platform.http.AppException;
import io.mooring.relations.Viewer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What others are shown of people's items: every read goes through {@link DisclosurePolicy} at the
 * moment of the request and is written to the owner's access log; previews use the same policy and
 * are not logged.
 */
final class ShownProfiles {
  private final Pool pool;
  private final PeopleService people;
  private final DisclosurePolicy policy;
  private final ContentCipher cipher;

  ShownProfiles(Pool pool, PeopleService people, DisclosurePolicy policy, ContentCipher cipher) {
    this.pool = pool;
    this.people = people;
    this.policy = policy;
    this.cipher = cipher;
  }

  Future<Map<Long, JsonArray>> visibleProfiles(CurrentUser viewer, Collection<Long> subjectIds, String where) {
    return shownTo(viewer, subjectIds, where).map(shown -> {
      Map<Long, JsonArray> out = new LinkedHashMap<>();
      shown.forEach((owner, items) -> {
        JsonArray arr = new JsonArray();
        items.forEach(i -> arr.add(i.toJson()));
        out.put(owner, arr);
      });
      return out;
    });
  }

  /** A colleague's profile as this viewer may see it; logged as a view unless it is the viewer's own. */
  Future<Shown.Profile> profile(CurrentUser viewer, long subjectId, String where) {
    return people.require(viewer.orgId(), subjectId).compose(person -> shownTo(viewer, List.of(subjectId), where)
        .map(shown -> new Shown.Profile(person.id(), person.displayName(), shown.getOrDefault(subjectId, List.of()))));
  }

  /** Exactly what {@code asUserId} would be shown of my items, by the same policy; not a view, so not logged. */
  Future<Shown.Profile> preview(CurrentUser me, long asUserId) {
    if (asUserId == me.id()) {
      throw AppException.invalid("as", "must be a colleague, not yourself");
    }
    return people.require(me.orgId(), asUserId)
        .compose(colleague -> Future.all(policy.viewer(colleague.id(), colleague.orgId()), DisclosureRepository.itemsOf(pool, me.orgId(), List.of(me.id())))
            .map(all -> {
              Viewer as = all.resultAt(0);
              List<StoredItem> mine = all.resultAt(1);
              return new Shown.Profile(me.id(), me.displayName(), open(as, mine, OffsetDateTime.now()).getOrDefault(me.id(), List.of()));
            }));
  }

  /** The set-based read: constant queries for any number of subjects (items + grants, viewer relations, one log insert). */
  private Future<Map<Long, List<Shown.Item>>> shownTo(CurrentUser viewer, Collection<Long> subjectIds, String where) {
    if (subjectIds.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    List<Long> subjects = List.copyOf(new LinkedHashSet<>(subjectIds));
    return Future.all(policy.viewer(viewer.id(), viewer.orgId()), DisclosureRepository.itemsOf(pool, viewer.orgId(), subjects))
        .compose(all -> {
          Map<Long, List<Shown.Item>> shown = open(all.resultAt(0), all.resultAt(1), OffsetDateTime.now());
          List<Long> owners = new ArrayList<>();
          List<String> kinds = new ArrayList<>();
          shown.forEach((owner, items) -> {
            if (owner != viewer.id()) {
              items.forEach(i -> {
                owners.add(owner);
                kinds.add(i.kind().dbName());
              });
            }
          });
          return DisclosureRepository.logViews(pool, owners, viewer.id(), kinds, where).map(shown);
        });
  }

  private Map<Long, List<Shown.Item>> open(Viewer viewer, List<StoredItem> items, OffsetDateTime now) {
    Map<Long, List<Shown.Item>> out = new LinkedHashMap<>();
    for (StoredItem i : items) {
      if (DisclosurePolicy.canSee(viewer, i.ownerId(), i.orgId(), i.grants(), now)) {
        out.computeIfAbsent(i.ownerId(), k -> new ArrayList<>()).add(new Shown.Item(i.kind(), unseal(i), i.updatedAt(),
            viewer.id() == i.ownerId() && i.grants().stream().allMatch(g -> g.expired(now))));
      }
    }
    return out;
  }

  JsonObject unseal(StoredItem i) {
    return new JsonObject(cipher.decrypt(i.sealed(), ContentCipher.aad(i.ownerId(), i.kind().dbName())));
  }
}
