package dev.trellis.wrpc.wit;

import dev.trellis.wrpc.wit.WaveLexer.Kind;
import dev.trellis.wrpc.wit.WaveLexer.Token;
import dev.trellis.wrpc.wit.WitType.BorrowType;
import dev.trellis.wrpc.wit.WitType.EnumType;
import dev.trellis.wrpc.wit.WitType.FixedListType;
import dev.trellis.wrpc.wit.WitType.FlagsType;
import dev.trellis.wrpc.wit.WitType.FutureType;
import dev.trellis.wrpc.wit.WitType.ListType;
import dev.trellis.wrpc.wit.WitType.OptionType;
import dev.trellis.wrpc.wit.WitType.OwnType;
import dev.trellis.wrpc.wit.WitType.Primitive;
import dev.trellis.wrpc.wit.WitType.RecordType;
import dev.trellis.wrpc.wit.WitType.ResultType;
import dev.trellis.wrpc.wit.WitType.StreamType;
import dev.trellis.wrpc.wit.WitType.TupleType;
import dev.trellis.wrpc.wit.WitType.VariantType;
import dev.trellis.wrpc.wit.WitValue.OptionValue;
import dev.trellis.wrpc.wit.WitValue.RecordValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Type-directed WAVE parser: the expected type decides how each token is read, which is how WAVE
 * resolves its ambiguities (a bare label is a bool, enum or variant case; {@code 5} may be a
 * flattened {@code some(5)}). Every failure is a {@link WaveParseException} with a position.
 */
final class WaveParser {
  /** Deepest value nesting accepted, as in wasm-wave; it keeps hostile text off the stack. */
  static final int MAX_DEPTH = 100;

  private final WaveLexer lex;
  private int depth;

  WaveParser(String source, int start) {
    this.lex = new WaveLexer(source, start);
  }

  /** Parses one value of {@code type} that must be all of the remaining text. */
  WitValue parseWhole(WitType type) {
    WitValue value = value(type);
    expectEnd();
    return value;
  }

  /**
   * Parses {@code (arg, ...)} against {@code params}; trailing {@code option} parameters may be
   * omitted and become {@code none}.
   */
  List<WitValue> parseArguments(List<WitType> params) {
    expect(Kind.LPAREN, "'(' before the arguments");
    List<WitValue> args = new ArrayList<>();
    Token close =
        sequenceBody(
            Kind.RPAREN,
            i -> {
              if (i >= params.size()) {
                throw lex.error(
                    lex.peek().start(), "too many arguments: the function takes " + params.size());
              }
              return value(params.get(i));
            },
            args);
    for (int i = args.size(); i < params.size(); i++) {
      if (!(params.get(i) instanceof OptionType)) {
        throw lex.error(close.start(), "missing argument " + (i + 1) + " of type " + params.get(i));
      }
      args.add(OptionValue.NONE);
    }
    expectEnd();
    return List.copyOf(args);
  }

  private void expectEnd() {
    Token t = lex.next();
    if (t.kind() != Kind.EOF) {
      throw lex.error(t.start(), "trailing characters after value: " + t.describe());
    }
  }

  private WitValue value(WitType type) {
    if (depth >= MAX_DEPTH) {
      throw lex.error(lex.peek().start(), "value nesting too deep (limit " + MAX_DEPTH + ")");
    }
    depth++;
    try {
      return dispatch(type);
    } finally {
      depth--;
    }
  }

  private WitValue dispatch(WitType type) {
    return switch (type) {
      case Primitive p -> primitive(p);
      case ListType l -> new WitValue.ListValue(list(type, l.element()));
      case FixedListType f -> fixedList(f);
      case RecordType r -> record(r);
      case TupleType t -> tuple(t);
      case VariantType v -> variant(v);
      case EnumType e -> enumCase(e);
      case OptionType o -> option(o);
      case ResultType r -> result(r);
      case FlagsType f -> flags(f);
      case OwnType o -> noTextForm(type);
      case BorrowType b -> noTextForm(type);
      case FutureType f -> noTextForm(type);
      case StreamType s -> noTextForm(type);
    };
  }

  private WitValue primitive(Primitive p) {
    return switch (p) {
      case BOOL -> bool();
      case S8, U8, S16, U16, S32, U32, S64, U64 -> WaveNumbers.integer(p, lex, lex.next());
      case F32, F64 -> WaveNumbers.floating(p, lex, lex.next());
      case CHAR -> new WitValue.CharValue(expect(Kind.CHAR, "char").text().codePointAt(0));
      case STRING -> new WitValue.StringValue(expect(Kind.STRING, "string").text());
    };
  }

  private WitValue bool() {
    Token t = lex.next();
    if (t.isLabel("true") || t.isLabel("false")) {
      return new WitValue.BoolValue(t.text().equals("true"));
    }
    throw expected("bool (true or false)", t);
  }

  private List<WitValue> list(WitType type, WitType element) {
    expect(Kind.LBRACKET, type.toString());
    List<WitValue> out = new ArrayList<>();
    sequenceBody(Kind.RBRACKET, i -> value(element), out);
    return out;
  }

  private WitValue fixedList(FixedListType type) {
    int start = lex.peek().start();
    List<WitValue> elements = list(type, type.element());
    if (elements.size() != type.length()) {
      throw lex.error(
          start,
          "expected " + type.length() + " elements for " + type + ", got " + elements.size());
    }
    return new WitValue.ListValue(elements);
  }

  private WitValue tuple(TupleType type) {
    Token open = expect(Kind.LPAREN, type.toString());
    if (lex.peek().kind() == Kind.RPAREN) {
      throw lex.error(open.start(), "empty tuple: " + type + " needs " + size(type) + " elements");
    }
    List<WitValue> out = new ArrayList<>();
    sequenceBody(
        Kind.RPAREN,
        i -> {
          if (i >= type.elements().size()) {
            throw lex.error(
                lex.peek().start(), "too many elements: " + type + " has " + size(type));
          }
          return value(type.elements().get(i));
        },
        out);
    if (out.size() != type.elements().size()) {
      throw lex.error(
          open.start(), "expected " + size(type) + " elements for " + type + ", got " + out.size());
    }
    return new WitValue.TupleValue(out);
  }

  private static int size(TupleType type) {
    return type.elements().size();
  }

  /**
   * Parses comma-separated elements up to and including {@code close} (the opening bracket is
   * already consumed), allowing one trailing comma; returns the closing token.
   */
  private Token sequenceBody(Kind close, IntFunction<WitValue> element, List<WitValue> out) {
    if (lex.peek().kind() == close) {
      return lex.next();
    }
    while (true) {
      out.add(element.apply(out.size()));
      Token t = lex.next();
      if (t.kind() == close) {
        return t;
      }
      if (t.kind() != Kind.COMMA) {
        throw expected("',' or " + close.display, t);
      }
      if (lex.peek().kind() == close) {
        return lex.next();
      }
    }
  }

  private WitValue record(RecordType type) {
    Token open = expect(Kind.LBRACE, type.toString());
    Map<String, WitValue> given = new HashMap<>();
    if (lex.peek().kind() == Kind.COLON) {
      lex.next();
      expect(Kind.RBRACE, "'}' to end the empty record {:}");
    } else if (lex.peek().kind() == Kind.RBRACE) {
      throw lex.error(
          open.start(), "expected " + type + ", found {} (an empty record is written {:})");
    } else {
      recordFields(type, given);
    }
    List<RecordValue.Field> fields = new ArrayList<>();
    for (RecordType.Field field : type.fields()) {
      WitValue v = given.get(field.name());
      if (v == null && !(field.type() instanceof OptionType)) {
        throw lex.error(open.start(), "missing field " + field.name() + " of " + type);
      }
      fields.add(new RecordValue.Field(field.name(), v == null ? OptionValue.NONE : v));
    }
    return new RecordValue(fields);
  }

  private void recordFields(RecordType type, Map<String, WitValue> given) {
    while (true) {
      Token label = expect(Kind.LABEL, "a field name of " + type);
      String name = unescapeLabel(label);
      OptionalInt index = type.indexOf(name);
      if (index.isEmpty()) {
        throw lex.error(label.start(), "unknown field " + name + " of " + type);
      }
      if (given.containsKey(name)) {
        throw lex.error(label.start(), "duplicate field " + name);
      }
      expect(Kind.COLON, "':' after field name " + name);
      given.put(name, value(type.fields().get(index.getAsInt()).type()));
      if (endOfBraces()) {
        return;
      }
    }
  }

  /** After an entry: consumes {@code ,} or {@code ,}} or {@code }}; true when the braces ended. */
  private boolean endOfBraces() {
    Token t = lex.next();
    if (t.kind() == Kind.RBRACE) {
      return true;
    }
    if (t.kind() != Kind.COMMA) {
      throw expected("',' or '}'", t);
    }
    if (lex.peek().kind() == Kind.RBRACE) {
      lex.next();
      return true;
    }
    return false;
  }

  private WitValue variant(VariantType type) {
    Token label = caseLabel(type);
    String name = unescapeLabel(label);
    OptionalInt index = type.indexOf(name);
    if (index.isEmpty()) {
      throw lex.error(label.start(), "unknown case " + name + " of " + type);
    }
    Optional<WitType> payloadType = type.cases().get(index.getAsInt()).payload();
    return new WitValue.VariantValue(name, payload(label, "case " + name, payloadType));
  }

  private WitValue enumCase(EnumType type) {
    Token label = caseLabel(type);
    String name = unescapeLabel(label);
    if (type.indexOf(name).isEmpty()) {
      throw lex.error(label.start(), "unknown case " + name + " of " + type);
    }
    if (lex.peek().kind() == Kind.LPAREN) {
      throw lex.error(lex.peek().start(), "enum case " + name + " takes no payload");
    }
    return new WitValue.EnumValue(name);
  }

  /** A case label; a keyword must be escaped with {@code %} to name a case. */
  private Token caseLabel(WitType type) {
    Token label = expect(Kind.LABEL, "a case of " + type);
    if (Labels.isKeyword(label.text())) {
      throw lex.error(
          label.start(),
          "expected a case of "
              + type
              + ", found keyword "
              + label.text()
              + " (write %"
              + label.text()
              + " for a case of that name)");
    }
    return label;
  }

  /** The optional parenthesized payload after {@code label}, checked against the case's type. */
  private Optional<WitValue> payload(Token label, String what, Optional<WitType> payloadType) {
    boolean parenthesized = lex.peek().kind() == Kind.LPAREN;
    if (payloadType.isEmpty()) {
      if (parenthesized) {
        throw lex.error(lex.peek().start(), what + " has no payload");
      }
      return Optional.empty();
    }
    if (!parenthesized) {
      throw lex.error(
          label.end(), what + " needs a payload of type " + payloadType.get() + " in parentheses");
    }
    lex.next();
    WitValue v = value(payloadType.get());
    expect(Kind.RPAREN, "')' after the payload of " + what);
    return Optional.of(v);
  }

  private WitValue option(OptionType type) {
    Token t = lex.peek();
    if (t.isLabel("some")) {
      lex.next();
      return new OptionValue(payload(t, "some", Optional.of(type.some())));
    }
    if (t.isLabel("none")) {
      lex.next();
      return OptionValue.NONE;
    }
    if (flattenable(type.some())) {
      return new OptionValue(Optional.of(value(type.some())));
    }
    throw expected("some(...) or none for " + type, t);
  }

  private WitValue result(ResultType type) {
    Token t = lex.peek();
    if (t.isLabel("ok") || t.isLabel("err")) {
      lex.next();
      boolean ok = t.text().equals("ok");
      return new WitValue.ResultValue(
          ok, payload(t, t.text() + " of " + type, ok ? type.ok() : type.err()));
    }
    if (type.ok().isPresent() && flattenable(type.ok().get())) {
      return new WitValue.ResultValue(true, Optional.of(value(type.ok().get())));
    }
    throw expected("ok or err for " + type, t);
  }

  /** WAVE lets a {@code some}/{@code ok} payload stand alone unless it is an option or result. */
  private static boolean flattenable(WitType payload) {
    return !(payload instanceof OptionType) && !(payload instanceof ResultType);
  }

  private WitValue flags(FlagsType type) {
    expect(Kind.LBRACE, type.toString());
    Set<String> set = new HashSet<>();
    if (lex.peek().kind() == Kind.RBRACE) {
      lex.next();
    } else {
      do {
        Token label = expect(Kind.LABEL, "a flag of " + type);
        String name = unescapeLabel(label);
        if (type.indexOf(name).isEmpty()) {
          throw lex.error(label.start(), "unknown flag " + name + " of " + type);
        }
        if (!set.add(name)) {
          throw lex.error(label.start(), "duplicate flag " + name);
        }
      } while (!endOfBraces());
    }
    Set<String> ordered = new LinkedHashSet<>();
    type.flags().stream().filter(set::contains).forEach(ordered::add);
    return new WitValue.FlagsValue(ordered);
  }

  private WitValue noTextForm(WitType type) {
    throw lex.error(lex.peek().start(), "WAVE has no text form for " + type + " values");
  }

  private static String unescapeLabel(Token label) {
    return label.text().startsWith("%") ? label.text().substring(1) : label.text();
  }

  private Token expect(Kind kind, String what) {
    Token t = lex.next();
    if (t.kind() != kind) {
      throw expected(what, t);
    }
    return t;
  }

  private WaveParseException expected(String what, Token found) {
    return lex.error(found.start(), "expected " + what + ", found " + found.describe());
  }
}
