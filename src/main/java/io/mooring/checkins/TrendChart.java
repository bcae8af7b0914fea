package io.mooring.checkins;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coordinates for a server-rendered SVG line chart of drift scores (0–100) over check-ins, oldest
 * left. No chart library: the template draws these points; the same numbers appear in a table.
 */
public record TrendChart(String title, String description, List<Point> points, String polyline, double thresholdY,
                         int threshold, List<Tick> ticks) {
  public static final int WIDTH = 600;
  public static final int HEIGHT = 240;
  static final int LEFT = 40;
  static final int RIGHT = 16;
  static final int TOP = 12;
  static final int BOTTOM = 32;

  public record Point(double x, double y, String date, double score, boolean flagged) {
    public String label() {
      return date + ": " + CheckInScoring.fmt(score);
    }
  }

  public record Tick(double y, int value) {}

  /** From check-ins newest first (as history returns them). */
  public static TrendChart of(String title, List<CheckIn> newestFirst, int threshold) {
    List<CheckIn> list = new ArrayList<>(newestFirst);
    java.util.Collections.reverse(list);
    int n = list.size();
    double plotW = WIDTH - LEFT - RIGHT;
    List<Point> points = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < n; i++) {
      CheckIn c = list.get(i);
      double x = n == 1 ? LEFT + plotW / 2 : LEFT + i * plotW / (n - 1);
      double y = y(c.score());
      points.add(new Point(round(x), round(y), c.periodEnd().toString(), c.score(), !c.flags().isEmpty()));
      line.append(line.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
    }
    List<Tick> ticks = List.of(new Tick(y(0), 0), new Tick(y(25), 25), new Tick(y(50), 50), new Tick(y(75), 75), new Tick(y(100), 100));
    String desc = n == 0 ? "No check-ins yet."
        : "Drift score for " + n + " check-ins from " + list.get(0).periodEnd() + " to " + list.get(n - 1).periodEnd()
            + "; latest " + CheckInScoring.fmt(list.get(n - 1).score()) + " (threshold " + threshold + "). The table below has every value.";
    return new TrendChart(title, desc, points, line.toString(), round(y(Math.min(100, threshold))), threshold, ticks);
  }

  public boolean empty() {
    return points.isEmpty();
  }

  public String viewBox() {
    return "0 0 " + WIDTH + " " + HEIGHT;
  }

  public int left() {
    return LEFT;
  }

  public int right() {
    return WIDTH - RIGHT;
  }

  public int labelY() {
    return HEIGHT - 8;
  }

  static double y(double score) {
    return TOP + (100 - score) / 100.0 * (HEIGHT - TOP - BOTTOM);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
