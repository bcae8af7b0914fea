package io.mooring.disclosure;

import java.util.List;

/** The owner's access log as CSV; cells that a spreadsheet would run as formulas are defused. */
final class AccessLogCsv {
  private AccessLogCsv() {}

  static String of(List<DisclosureService.View> views) {
    StringBuilder sb = new StringBuilder("at,viewer_id,viewer_name,item,where\r\n");
    for (DisclosureService.View v : views) {
      sb.append(cell(v.at().toString())).append(',').append(v.viewerId()).append(',').append(cell(v.viewerName())).append(',')
          .append(cell(v.kind())).append(',').append(cell(v.where())).append("\r\n");
    }
    return sb.toString();
  }

  static String cell(String s) {
    String v = s == null ? "" : s;
    if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
