package io.mooring.platform.db;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Row mappings every repository would otherwise write again. */
public final class Rows {
  private Rows() {}

  /** Every row mapped, in order. */
  public static <T> List<T> map(RowSet<Row> rows, Function<Row, T> map) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(map.apply(r)));
    return out;
  }

  /** The first column of every row, as ids. */
  public static List<Long> longs(RowSet<Row> rows) {
    return map(rows, r -> r.getLong(0));
  }
}
