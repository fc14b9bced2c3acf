package dev.trellis.bench;

import java.util.Locale;

/**
 * One measured figure printed beside its floor — the same operation without Trellis, measured in
 * the same run on the same machine — so that a number is never quoted without what bounds it.
 *
 * @param name what was measured
 * @param unit unit of both values, e.g. {@code ms} or {@code ns/op}
 * @param measured Trellis' value
 * @param floor the floor's value
 * @param floorName what the floor is
 * @param goal the ratio the figure should stay under, if there is one (e.g. 2.0 for "within 2x")
 */
public record Figure(
    String name, String unit, double measured, double floor, String floorName, double goal) {

  /** {@code measured / floor}. */
  public double ratio() {
    return floor == 0 ? Double.POSITIVE_INFINITY : measured / floor;
  }

  /** Whether the ratio is within the goal (always true without a goal). */
  public boolean meetsGoal() {
    return goal <= 0 || ratio() <= goal;
  }

  /** One table row. */
  public String row() {
    return String.format(
        Locale.ROOT,
        "%-44s %12.3f %-6s %12.3f %-6s %7.2fx  %-8s %s",
        name,
        measured,
        unit,
        floor,
        unit,
        ratio(),
        goal <= 0 ? "-" : String.format(Locale.ROOT, "<=%.1fx", goal),
        floorName);
  }

  /** The header matching {@link #row()}. */
  public static String header() {
    return String.format(
        Locale.ROOT,
        "%-44s %19s %19s %8s  %-8s %s",
        "figure",
        "measured",
        "floor",
        "ratio",
        "goal",
        "floor is");
  }
}
