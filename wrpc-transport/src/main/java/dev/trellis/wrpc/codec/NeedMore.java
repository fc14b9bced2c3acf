package dev.trellis.wrpc.codec;

/**
 * The bytes so far end inside a value: feed at least {@code atLeast} more bytes before another
 * attempt can make progress (a string or byte list announces its length, so the hint can be large).
 */
public record NeedMore(long atLeast) implements DecodeStep, StreamStep {
  public NeedMore {
    if (atLeast < 1) {
      throw new IllegalArgumentException("atLeast must be >= 1, got " + atLeast);
    }
  }
}
