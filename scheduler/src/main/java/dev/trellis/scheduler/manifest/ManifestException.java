package dev.trellis.scheduler.manifest;

import dev.trellis.scheduler.SchedulerException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that does not validate. Carries every error found, each naming its path, so a caller
 * that prefers exceptions to {@link ParseResult} loses nothing.
 */
public class ManifestException extends SchedulerException {
  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> errors;

  /** A failure listing {@code errors}, which must not be empty. */
  public ManifestException(List<Diagnostic> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every error, in the order found. */
  public List<Diagnostic> errors() {
    return errors;
  }

  private static String describe(List<Diagnostic> errors) {
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a manifest exception needs at least one error");
    }
    return errors.stream()
        .map(Diagnostic::toString)
        .collect(
            Collectors.joining(
                "\n  ", "invalid manifest (" + errors.size() + " error(s)):\n  ", ""));
  }
}
