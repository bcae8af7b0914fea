package io.mooring.disclosure;

import io.mooring.platform.csv.Csv;
import java.util.Arrays;
import java.util.List;

/** The owner's access log as CSV, through the one export writer (which defuses formula cells). */
final class AccessLogCsv {
  private AccessLogCsv() {}

  static String of(List<DisclosureService.View> views) {
    return Csv.write(List.of("at", "viewer_id", "viewer_name", "item", "where"),
        views.stream().map(v -> Arrays.<Object>asList(v.at().toString(), v.viewerId(), v.viewerName(), v.kind(), v.where())).toList());
  }
}
