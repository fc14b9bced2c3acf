package dev.trellis.wrpc.wit;

import java.util.List;
import java.util.Objects;

/**
 * A function call written in WAVE, {@code name(arg, ...)}, split into the function name and the
 * still-untyped argument text. The engine looks the function up by name first, then parses the
 * arguments against its parameter types with {@link #arguments}; error positions stay relative to
 * the whole call text.
 *
 * @param function the name as written, e.g. {@code add}, {@code ns:pkg/iface#func} or {@code
 *     [method]res.name}; Trellis does not interpret it here
 * @param source the whole call text
 * @param argumentsOffset the index of the {@code (} that opens the arguments in {@code source}
 */
public record WaveCall(String function, String source, int argumentsOffset) {
  public WaveCall {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(source, "source");
    if (function.isEmpty()) {
      throw new WitModelException("function name must not be empty");
    }
    if (argumentsOffset < 0
        || argumentsOffset >= source.length()
        || source.charAt(argumentsOffset) != '(') {
      throw new WitModelException(
          "argumentsOffset " + argumentsOffset + " does not point at '(' in the call text");
    }
  }

  /**
   * Parses the arguments against the function's parameter types. Trailing {@code option} parameters
   * may be left out and become {@code none}, as the WAVE spec allows.
   *
   * @throws WaveParseException if the text does not parse, has too many or too few arguments, or
   *     has anything after the closing parenthesis
   */
  public List<WitValue> arguments(List<WitType> paramTypes) {
    return new WaveParser(source, argumentsOffset).parseArguments(List.copyOf(paramTypes));
  }
}
