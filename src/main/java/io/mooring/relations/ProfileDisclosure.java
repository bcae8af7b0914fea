package io.mooring.relations;

import io.mooring.platform.auth.CurrentUser;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.Collection;
import java.util.Map;

/**
 * The one question other features ask disclosure: of these people, what may this viewer see right
 * now? Set-based, so member lists and directories cost one query, not one per person. Every item
 * returned counts as shown and is written to its owner's access log with {@code where}.
 */
public interface ProfileDisclosure {

  /** Per subject id, the JSON items the viewer may see (absent or empty when nothing). */
  Future<Map<Long, JsonArray>> visibleProfiles(CurrentUser viewer, Collection<Long> subjectIds, String where);
}
