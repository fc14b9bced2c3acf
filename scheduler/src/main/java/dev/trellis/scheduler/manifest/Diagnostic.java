package dev.trellis.scheduler.manifest;

import java.util.Objects;

/**
 * One finding about a manifest: where it is (a path such as {@code spec.components[0].name}, or a
 * line and column for syntax errors) and which rule it breaks. Errors and warnings share this shape
 * so that every client prints them the same way.
 *
 * @param path where the finding is; {@code (document)} for the manifest as a whole
 * @param message the rule that is broken, in plain words
 */
public record Diagnostic(String path, String message) {
  /** The path used for findings about the whole document. */
  public static final String DOCUMENT = "(document)";

  public Diagnostic {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (path.isBlank() || message.isBlank()) {
      throw new IllegalArgumentException("a diagnostic needs a path and a message");
    }
  }

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
