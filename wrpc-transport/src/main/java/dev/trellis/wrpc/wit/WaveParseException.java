package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.WrpcException;

/**
 * WAVE text that does not parse, or does not fit the type it is parsed against. It says what was
 * expected and where: {@link #offset()} is a UTF-16 index into the text, {@link #line()} and {@link
 * #column()} count from 1 (columns in code points) so a CLI can point at the spot.
 */
public final class WaveParseException extends WrpcException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int offset;
  private final int line;
  private final int column;

  private WaveParseException(String problem, int offset, int line, int column) {
    super(problem + " at line " + line + ", column " + column + " (offset " + offset + ")");
    this.problem = problem;
    this.offset = offset;
    this.line = line;
    this.column = column;
  }

  /** An exception for {@code problem} at {@code offset} of {@code source}. */
  static WaveParseException at(String source, int offset, String problem) {
    int clamped = Math.max(0, Math.min(offset, source.length()));
    int lineStart = source.lastIndexOf('\n', clamped - 1) + 1;
    int line = 1;
    for (int i = 0; i < lineStart; i++) {
      if (source.charAt(i) == '\n') {
        line++;
      }
    }
    int column = source.codePointCount(lineStart, clamped) + 1;
    return new WaveParseException(problem, clamped, line, column);
  }

  /** What went wrong, without the position, e.g. {@code expected u8, found string "x"}. */
  public String problem() {
    return problem;
  }

  /** The UTF-16 index into the parsed text where the problem starts. */
  public int offset() {
    return offset;
  }

  /** The 1-based line of {@link #offset()}. */
  public int line() {
    return line;
  }

  /** The 1-based column of {@link #offset()}, counted in code points. */
  public int column() {
    return column;
  }
}
