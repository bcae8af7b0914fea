package io.mooring.disclosure;

import io.mooring.platform.csv.Csv;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The owner's access log as CSV, through the one export writer (which defuses formula cells): the stored codes
 * for programs, then the item's label and the place in the words of the settings page.
 */
final class AccessLogCsv {
  private AccessLogCsv() {}

  static String of(List<DisclosureService.View> views) {
    return Csv.write(List.of("at", "viewer_id", "viewer_name", "item", "where", "item_label", "where_label"),
        views.stream().map(v -> Arrays.<Object>asList(v.at().toString(), v.viewerId(), v.viewerName(), v.kind(), v.where(),
            DisclosurePages.itemLabel(v.kind()), DisclosurePages.place(v.where(), Map.of()))).toList());
  }
}
