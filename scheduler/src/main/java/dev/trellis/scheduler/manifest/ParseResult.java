package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of parsing a manifest: a valid {@link Application} with its warnings, or every error
 * found (never just the first). A sealed pair rather than an exception so the scheduler API can
 * answer with the full list.
 */
public sealed interface ParseResult permits ParseResult.Valid, ParseResult.Invalid {
  /** Findings that do not stop the manifest from being used (unknown fields, deprecated forms). */
  List<Diagnostic> warnings();

  /** The errors; empty for a valid manifest. */
  List<Diagnostic> errors();

  /** The application, or a {@link ManifestException} listing every error. */
  default Application orThrow() {
    return switch (this) {
      case Valid valid -> valid.application();
      case Invalid invalid -> throw new ManifestException(invalid.errors());
    };
  }

  /**
   * A manifest that validated.
   *
   * @param application the application, defaults applied
   * @param warnings what was tolerated
   */
  record Valid(Application application, List<Diagnostic> warnings) implements ParseResult {
    public Valid {
      Objects.requireNonNull(application, "application");
      warnings = List.copyOf(warnings);
    }

    @Override
    public List<Diagnostic> errors() {
      return List.of();
    }
  }

  /**
   * A manifest that did not validate.
   *
   * @param errors every error found, at least one
   * @param warnings what would have been tolerated
   */
  record Invalid(List<Diagnostic> errors, List<Diagnostic> warnings) implements ParseResult {
    public Invalid {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an invalid result needs at least one error");
      }
    }
  }
}
