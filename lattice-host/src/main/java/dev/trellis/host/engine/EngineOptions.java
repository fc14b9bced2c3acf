package dev.trellis.host.engine;

/**
 * How an {@link Engine} runs core code.
 *
 * @param interpretOnly run every core function in Chicory's interpreter instead of compiling it to
 *     JVM bytecode (slower; for debugging and for comparing the two)
 */
public record EngineOptions(boolean interpretOnly) {
  /** Compile core modules (the default). */
  public static final EngineOptions DEFAULT = new EngineOptions(false);
}
