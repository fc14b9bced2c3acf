package dev.trellis.wrpc.wit;

import java.util.List;

/**
 * WAVE (WebAssembly Value Encoding), the text form of component values used by {@code wasmtime run
 * --invoke} and wasm-tools: parse text against a type, print a value, and read a function call.
 * Follows the wasm-wave README and grammar; printing matches wasm-wave's writer.
 *
 * <p>Resource handles, futures and streams have no WAVE form: parsing against such a type fails
 * with a {@link WaveParseException} and printing a {@link WitValue.HandleValue}, {@link
 * WitValue.FutureValue} or {@link WitValue.StreamValue} throws {@link
 * dev.trellis.wrpc.WrpcException}.
 */
public final class Wave {
  private static final String NAME_PUNCTUATION = "-:/.@#[]%+";

  private Wave() {}

  /**
   * Parses {@code text} as one value of {@code type}. Whitespace and {@code //} comments may
   * surround it; nothing else may follow it.
   *
   * @throws WaveParseException naming the position and what was expected
   */
  public static WitValue parse(String text, WitType type) {
    return new WaveParser(text, 0).parseWhole(type);
  }

  /** The canonical WAVE text of {@code value}, exactly as wasm-wave prints it. */
  public static String print(WitValue value) {
    StringBuilder out = new StringBuilder();
    WavePrinter.write(out, value);
    return out.toString();
  }

  /** {@code function(arg1, arg2, ...)} with each argument printed by {@link #print}. */
  public static String printCall(String function, List<WitValue> arguments) {
    StringBuilder out = new StringBuilder(function).append('(');
    for (int i = 0; i < arguments.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      WavePrinter.write(out, arguments.get(i));
    }
    return out.append(')').toString();
  }

  /**
   * Splits {@code name(args...)} into the function name and the argument text, without typing the
   * arguments. The name is a run of ASCII letters, digits and {@code -:/.@#[]%+}, so {@code
   * ns:pkg/iface@1.0.0#func} and {@code [method]res.name} both work.
   *
   * @throws WaveParseException if there is no name or no {@code (} after it
   */
  public static WaveCall splitCall(String text) {
    int start = skipSpaces(text, 0);
    int end = start;
    while (end < text.length() && isNameChar(text.charAt(end))) {
      end++;
    }
    if (end == start) {
      throw WaveParseException.at(text, start, "expected a function name");
    }
    int open = skipSpaces(text, end);
    if (open >= text.length() || text.charAt(open) != '(') {
      throw WaveParseException.at(
          text, open, "expected '(' after function name " + text.substring(start, end));
    }
    return new WaveCall(text.substring(start, end), text, open);
  }

  /**
   * Parses a whole call {@code name(args...)} against the parameter types of the function, when the
   * caller already knows which function it is. See {@link WaveCall#arguments}.
   */
  public static List<WitValue> parseCall(String text, List<WitType> paramTypes) {
    return splitCall(text).arguments(paramTypes);
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return Labels.isAsciiLetter(c) || (c >= '0' && c <= '9') || NAME_PUNCTUATION.indexOf(c) >= 0;
  }
}
