package dev.trellis.wrpc.codec;

/**
 * Internal signal that an atomic item is malformed; the decoder adds the type path and rethrows it
 * as a {@link WrpcDecodeException}. Carries no stack trace: the path is the useful context.
 */
final class Malformed extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final long offset;

  Malformed(String problem, long offset) {
    super(problem, null, false, false);
    this.problem = problem;
    this.offset = offset;
  }

  String problem() {
    return problem;
  }

  long offset() {
    return offset;
  }
}
