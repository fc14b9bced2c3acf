package dev.trellis.scheduler.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects errors and warnings while a manifest is read, so that reading never stops at the first
 * problem. A reader notes {@link #mark()} before a part and builds that part's record only if
 * {@link #cleanSince(int)} holds.
 */
final class Diagnostics {
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  void error(String path, String message) {
    errors.add(new Diagnostic(path.isEmpty() ? Diagnostic.DOCUMENT : path, message));
  }

  void warn(String path, String message) {
    warnings.add(new Diagnostic(path.isEmpty() ? Diagnostic.DOCUMENT : path, message));
  }

  void addErrors(List<Diagnostic> more) {
    errors.addAll(more);
  }

  /** A position in the error list. */
  int mark() {
    return errors.size();
  }

  /** Whether no error was added after {@code mark}. */
  boolean cleanSince(int mark) {
    return errors.size() == mark;
  }

  List<Diagnostic> errors() {
    return List.copyOf(errors);
  }

  List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }
}
