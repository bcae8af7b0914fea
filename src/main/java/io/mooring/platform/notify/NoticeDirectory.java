package io.mooring.platform.notify;

import io.vertx.core.Future;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a notice's text needs to know about people, without a feature importing the people feature:
 * display names and the organization's time zone. Wired from the people service at start-up.
 */
public interface NoticeDirectory {
  Future<ZoneId> timeZone(long orgId);

  /** Display names of those of {@code userIds} who are in the organization. */
  Future<Map<Long, String>> displayNames(long orgId, List<Long> userIds);
}
