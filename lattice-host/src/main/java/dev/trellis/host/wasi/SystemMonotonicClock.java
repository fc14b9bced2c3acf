package dev.trellis.host.wasi;

/** {@link System#nanoTime()} relative to the moment this class was loaded, plus one second. */
enum SystemMonotonicClock implements MonotonicClock {
  INSTANCE;

  private static final long ORIGIN = System.nanoTime() - 1_000_000_000L;

  @Override
  public long now() {
    return System.nanoTime() - ORIGIN;
  }
}
