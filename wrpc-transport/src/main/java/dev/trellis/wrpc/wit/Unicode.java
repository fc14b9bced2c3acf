package dev.trellis.wrpc.wit;

/** Unicode facts the value model and WAVE need: scalar values and well-formed UTF-16. */
final class Unicode {
  private Unicode() {}

  /** Whether {@code cp} is a Unicode scalar value: 0..0x10FFFF minus the surrogates. */
  static boolean isScalarValue(int cp) {
    return cp >= 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1 if it is well-formed. */
  static int unpairedSurrogateIndex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Code points of Unicode's Other_Grapheme_Extend property that are not already combining marks or
   * format characters, as {@code [first, last]} pairs; with Mn and Me they make Grapheme_Extend.
   */
  private static final int[] OTHER_GRAPHEME_EXTEND = {
    0x09BE, 0x09BE,
    0x09D7, 0x09D7,
    0x0B3E, 0x0B3E,
    0x0B57, 0x0B57,
    0x0BBE, 0x0BBE,
    0x0BD7, 0x0BD7,
    0x0CC0, 0x0CC0,
    0x0CC2, 0x0CC2,
    0x0CC7, 0x0CC8,
    0x0CCA, 0x0CCB,
    0x0CD5, 0x0CD6,
    0x0D3E, 0x0D3E,
    0x0D57, 0x0D57,
    0x0DCF, 0x0DCF,
    0x0DDF, 0x0DDF,
    0x1715, 0x1715,
    0x1734, 0x1734,
    0x1B35, 0x1B35,
    0x1B3B, 0x1B3B,
    0x1B3D, 0x1B3D,
    0x1B43, 0x1B44,
    0x1BAA, 0x1BAA,
    0x1BF2, 0x1BF3,
    0x302E, 0x302F,
    0xA953, 0xA953,
    0xA9C0, 0xA9C0,
    0xFF9E, 0xFF9F,
    0x111C0, 0x111C0,
    0x11235, 0x11235,
    0x1133E, 0x1133E,
    0x1134D, 0x1134D,
    0x11357, 0x11357,
    0x113B8, 0x113B8,
    0x113C2, 0x113C2,
    0x113C5, 0x113C5,
    0x113C7, 0x113C9,
    0x113CF, 0x113CF,
    0x114B0, 0x114B0,
    0x114BD, 0x114BD,
    0x115AF, 0x115AF,
    0x116B6, 0x116B6,
    0x11930, 0x11930,
    0x1193D, 0x1193D,
    0x11F41, 0x11F41,
    0x16FF0, 0x16FF1,
    0x1D165, 0x1D166,
    0x1D16D, 0x1D172,
  };

  /**
   * Whether WAVE's writer shows {@code cp} as a <code>&#92;u{...}</code> escape: Rust's {@code
   * escape_debug} escapes grapheme extenders and every character that is not printable, where
   * non-printable means general category Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than U+0020.
   */
  static boolean needsEscape(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.UNASSIGNED,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK ->
          true;
      case Character.SPACE_SEPARATOR -> cp != ' ';
      default -> isOtherGraphemeExtend(cp);
    };
  }

  private static boolean isOtherGraphemeExtend(int cp) {
    for (int i = 0; i < OTHER_GRAPHEME_EXTEND.length; i += 2) {
      if (cp >= OTHER_GRAPHEME_EXTEND[i] && cp <= OTHER_GRAPHEME_EXTEND[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
