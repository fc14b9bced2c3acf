package dev.trellis.wrpc.wit;

import java.util.Locale;

/**
 * Splits WAVE text into tokens, following the token grammar of wasm-wave's lexer: whitespace and
 * {@code //} comments between tokens, numbers, labels (which include the keywords), char and string
 * literals (decoded here, escapes included), multi-line strings, and punctuation.
 */
final class WaveLexer {
  /** Token kinds. */
  enum Kind {
    LBRACE("'{'"),
    RBRACE("'}'"),
    LPAREN("'('"),
    RPAREN("')'"),
    LBRACKET("'['"),
    RBRACKET("']'"),
    COLON("':'"),
    COMMA("','"),
    NUMBER("number"),
    LABEL("label"),
    CHAR("char literal"),
    STRING("string literal"),
    EOF("end of input");

    final String display;

    Kind(String display) {
      this.display = display;
    }
  }

  /**
   * A token: {@code text} is the source slice, except for chars and strings where it is the decoded
   * content.
   */
  record Token(Kind kind, int start, int end, String text) {
    boolean isLabel(String label) {
      return kind == Kind.LABEL && text.equals(label);
    }

    String describe() {
      return switch (kind) {
        case NUMBER, LABEL -> kind.display + " " + text;
        case CHAR, STRING, EOF, LBRACE, RBRACE, LPAREN, RPAREN, LBRACKET, RBRACKET, COLON, COMMA ->
            kind.display;
      };
    }
  }

  private final String src;
  private int pos;
  private Token peeked;

  WaveLexer(String src, int start) {
    this.src = src;
    this.pos = start;
  }

  String source() {
    return src;
  }

  Token peek() {
    if (peeked == null) {
      peeked = scan();
    }
    return peeked;
  }

  Token next() {
    Token t = peek();
    peeked = null;
    return t;
  }

  WaveParseException error(int offset, String problem) {
    return WaveParseException.at(src, offset, problem);
  }

  private Token scan() {
    skipTrivia();
    if (pos >= src.length()) {
      return new Token(Kind.EOF, pos, pos, "");
    }
    int start = pos;
    char c = src.charAt(pos);
    Kind punct = punctuation(c);
    if (punct != null) {
      pos++;
      return new Token(punct, start, pos, String.valueOf(c));
    }
    if (c == '-' || isDigit(c)) {
      return number(start);
    }
    if (c == '%' || Labels.isAsciiLetter(c)) {
      return label(start);
    }
    if (c == '\'') {
      return charLiteral(start);
    }
    if (c == '"') {
      return src.startsWith("\"\"\"", pos) ? multilineString(start) : string(start);
    }
    throw error(start, "invalid token " + quoteCodePoint(src.codePointAt(pos)));
  }

  private void skipTrivia() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (src.startsWith("//", pos)) {
        int nl = src.indexOf('\n', pos);
        pos = nl < 0 ? src.length() : nl;
      } else {
        return;
      }
    }
  }

  private static Kind punctuation(char c) {
    return switch (c) {
      case '{' -> Kind.LBRACE;
      case '}' -> Kind.RBRACE;
      case '(' -> Kind.LPAREN;
      case ')' -> Kind.RPAREN;
      case '[' -> Kind.LBRACKET;
      case ']' -> Kind.RBRACKET;
      case ':' -> Kind.COLON;
      case ',' -> Kind.COMMA;
      default -> null;
    };
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} or {@code -inf}. */
  private Token number(int start) {
    if (src.startsWith("-inf", pos)) {
      pos += 4;
      return new Token(Kind.NUMBER, start, pos, "-inf");
    }
    if (src.charAt(pos) == '-') {
      pos++;
    }
    if (!isDigitAt(pos)) {
      throw error(start, "invalid token: '-' must be followed by digits or inf");
    }
    if (src.charAt(pos) == '0') {
      pos++;
    } else {
      skipDigits();
    }
    if (pos + 1 < src.length() && src.charAt(pos) == '.' && isDigitAt(pos + 1)) {
      pos++;
      skipDigits();
    }
    if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
      int sign = pos + 1 < src.length() && "+-".indexOf(src.charAt(pos + 1)) >= 0 ? 1 : 0;
      if (isDigitAt(pos + 1 + sign)) {
        pos += 1 + sign;
        skipDigits();
      }
    }
    return new Token(Kind.NUMBER, start, pos, src.substring(start, pos));
  }

  private void skipDigits() {
    while (isDigitAt(pos)) {
      pos++;
    }
  }

  /** {@code %?} then words joined by {@code -}; the first word starts with a letter. */
  private Token label(int start) {
    if (src.charAt(pos) == '%') {
      pos++;
      if (pos >= src.length() || !Labels.isAsciiLetter(src.charAt(pos))) {
        throw error(start, "invalid token: '%' must be followed by a label");
      }
    }
    pos += wordLength(pos);
    while (pos + 1 < src.length() && src.charAt(pos) == '-') {
      int len = wordLength(pos + 1);
      if (len == 0) {
        break;
      }
      pos += 1 + len;
    }
    return new Token(Kind.LABEL, start, pos, src.substring(start, pos));
  }

  /** Length of the longest one-case word at {@code at}: {@code [a-z0-9]+} or {@code [A-Z0-9]+}. */
  private int wordLength(int at) {
    int lower = at;
    while (lower < src.length() && (isLower(src.charAt(lower)) || isDigit(src.charAt(lower)))) {
      lower++;
    }
    int upper = at;
    while (upper < src.length() && (isUpper(src.charAt(upper)) || isDigit(src.charAt(upper)))) {
      upper++;
    }
    return Math.max(lower, upper) - at;
  }

  private Token charLiteral(int start) {
    pos++;
    int cp;
    if (pos < src.length() && src.charAt(pos) == '\\') {
      cp = escape();
    } else {
      if (pos >= src.length() || src.charAt(pos) == '\'' || src.charAt(pos) == '\n') {
        throw error(start, "invalid char literal: expected one character or escape after '");
      }
      cp = src.codePointAt(pos);
      pos += Character.charCount(cp);
    }
    if (pos >= src.length() || src.charAt(pos) != '\'') {
      throw error(start, "invalid char literal: expected exactly one character before closing '");
    }
    pos++;
    return new Token(Kind.CHAR, start, pos, Character.toString(cp));
  }

  private Token string(int start) {
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw error(start, "unterminated string: expected closing \" (newlines must be \\n)");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        return new Token(Kind.STRING, start, pos, out.toString());
      }
      if (c == '\\') {
        out.appendCodePoint(escape());
      } else {
        out.append(c);
        pos++;
      }
    }
  }

  /**
   * {@code """}, a line break, lines, then a final line of only spaces before {@code """}; those
   * spaces are the indent removed from every line, and the first and last line breaks are dropped.
   */
  private Token multilineString(int start) {
    int close = src.indexOf("\"\"\"", start + 3);
    if (close < 0) {
      throw error(start, "unterminated multi-line string: expected closing \"\"\"");
    }
    int lastBreak = src.lastIndexOf('\n', close - 1);
    int first = start + 3;
    int firstBreak = src.startsWith("\r\n", first) ? first + 1 : first;
    if (lastBreak < first || src.charAt(firstBreak) != '\n') {
      throw error(first, "invalid multi-line string: opening \"\"\" must be followed by a newline");
    }
    String indent = src.substring(lastBreak + 1, close);
    if (!indent.chars().allMatch(ch -> ch == ' ')) {
      throw error(close, "invalid multi-line string: closing \"\"\" must follow only spaces");
    }
    StringBuilder out = new StringBuilder();
    int lineStart = firstBreak + 1;
    while (lineStart <= lastBreak) {
      int lineEnd = src.indexOf('\n', lineStart);
      if (!src.startsWith(indent, lineStart) || lineStart + indent.length() > lineEnd) {
        throw error(
            lineStart, "invalid multi-line string: line is indented less than closing \"\"\"");
      }
      int contentEnd =
          lineEnd > lineStart && src.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
      if (lineStart > firstBreak + 1) {
        out.append('\n');
      }
      appendLine(out, lineStart + indent.length(), contentEnd);
      lineStart = lineEnd + 1;
    }
    pos = close + 3;
    return new Token(Kind.STRING, start, pos, out.toString());
  }

  private void appendLine(StringBuilder out, int from, int to) {
    pos = from;
    while (pos < to) {
      if (src.charAt(pos) == '\\') {
        out.appendCodePoint(escape());
      } else {
        out.append(src.charAt(pos++));
      }
    }
  }

  /** Decodes the escape at {@code pos} (which holds the backslash) and moves past it. */
  private int escape() {
    int start = pos;
    char c = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
    int simple =
        switch (c) {
          case '\'', '"', '\\' -> c;
          case 't' -> '\t';
          case 'n' -> '\n';
          case 'r' -> '\r';
          default -> -1;
        };
    if (simple >= 0) {
      pos += 2;
      return simple;
    }
    if (c != 'u' || !src.startsWith("{", pos + 2)) {
      throw error(start, "invalid escape: expected \\' \\\" \\\\ \\t \\n \\r or \\u{...}");
    }
    int digits = pos + 3;
    int end = digits;
    while (end < src.length() && end - digits <= 6 && Character.digit(src.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == digits || end - digits > 6 || end >= src.length() || src.charAt(end) != '}') {
      throw error(start, "invalid escape: \\u{...} needs 1 to 6 hexadecimal digits");
    }
    int cp = Integer.parseInt(src, digits, end, 16);
    if (!Unicode.isScalarValue(cp)) {
      throw error(
          start,
          String.format(Locale.ROOT, "invalid escape: U+%X is not a Unicode scalar value", cp));
    }
    pos = end + 1;
    return cp;
  }

  private boolean isDigitAt(int at) {
    return at < src.length() && isDigit(src.charAt(at));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static String quoteCodePoint(int cp) {
    return Character.isISOControl(cp) || Character.isWhitespace(cp)
        ? String.format(Locale.ROOT, "U+%04X", cp)
        : "'" + Character.toString(cp) + "'";
  }
}
