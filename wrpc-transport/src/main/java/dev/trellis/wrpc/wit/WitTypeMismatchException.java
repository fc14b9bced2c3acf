package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.WrpcException;

/**
 * A value does not conform to the WIT type it was checked against. The message and {@link #path()}
 * name where inside the value the mismatch is, e.g. {@code record point.x}, so a caller can tell a
 * user exactly which argument or field is wrong.
 */
public final class WitTypeMismatchException extends WrpcException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String problem;

  public WitTypeMismatchException(String path, String problem) {
    super(path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  /** Where in the value the mismatch is, e.g. {@code record point.x} or {@code value[3]}. */
  public String path() {
    return path;
  }

  /** What is wrong at {@link #path()}, e.g. {@code expected s32, got string}. */
  public String problem() {
    return problem;
  }
}
