package dev.trellis.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the fault suite did and what it observed, one row per fault: how long the lattice took to
 * recover, the HTTP and wRPC calls made meanwhile (ok, failed, and failed outside the fault
 * window), the most instances of each app seen at once against its desired + surge, whether the
 * stored manifests and versions were unchanged, and the verdict. Printed and written to a file.
 */
final class FaultTable {
  /** One fault and its observations. */
  record Row(
      String fault,
      Duration recovery,
      LoadRecorder.Counts http,
      LoadRecorder.Counts wrpc,
      String maxInstances,
      boolean manifestsKept,
      List<String> problems,
      String note) {
    Row {
      problems = List.copyOf(problems);
    }

    boolean passed() {
      return problems.isEmpty();
    }
  }

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> rows() {
    return List.copyOf(rows);
  }

  boolean allPassed() {
    return !rows.isEmpty() && rows.stream().allMatch(Row::passed);
  }

  /** The table, then one line per row with its note and any problems. */
  String render() {
    String format = "%-40s %9s %20s %20s %16s %9s %7s%n";
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                format,
                "FAULT",
                "RECOVERED",
                "HTTP ok/fail/outside",
                "WRPC ok/fail/outside",
                "MAX INST/LIMIT",
                "MANIFESTS",
                "VERDICT"));
    for (Row r : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              r.fault(),
              r.recovery().isZero()
                  ? "-"
                  : String.format(Locale.ROOT, "%.1fs", r.recovery().toMillis() / 1000.0),
              counts(r.http()),
              counts(r.wrpc()),
              r.maxInstances(),
              r.manifestsKept() ? "same" : "CHANGED",
              r.passed() ? "PASS" : "FAIL"));
    }
    out.append(System.lineSeparator());
    for (Row r : rows) {
      out.append("- ").append(r.fault()).append(": ").append(r.note());
      for (String problem : r.problems()) {
        out.append(System.lineSeparator()).append("    FAIL ").append(problem);
      }
      out.append(System.lineSeparator());
    }
    return out.toString();
  }

  private static String counts(LoadRecorder.Counts c) {
    return c.ok() + "/" + c.failed() + "/" + c.failedOutside();
  }
}
