package dev.trellis.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one codec for lattice payloads: protobuf's canonical proto3 JSON mapping, as wasmCloud V2
 * peers speak it. Unknown fields are tolerated (peers may be newer); anything else that does not
 * parse becomes a {@link MalformedMessageException} naming the message type.
 */
public final class ProtoJson {
  private static final int MAX_REASON = 200;
  private static final Pattern CLASS_PREFIX =
      Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private ProtoJson() {}

  /** Encodes {@code message} as compact proto3 JSON in UTF-8. */
  public static byte[] encode(Message message) {
    return print(message).getBytes(StandardCharsets.UTF_8);
  }

  /** Prints {@code message} as compact proto3 JSON. */
  public static String print(Message message) {
    try {
      return PRINTER.print(message);
    } catch (InvalidProtocolBufferException e) {
      // Only reachable with Any fields whose types are unknown; the lattice schema has none.
      throw new LatticeException("cannot print " + message.getDescriptorForType().getName(), e);
    }
  }

  /**
   * Decodes proto3 JSON into a message of {@code prototype}'s type (pass its default instance). An
   * empty payload decodes to the default message, as protobuf peers send for requests without
   * fields.
   */
  @SuppressWarnings("unchecked") // newBuilderForType() of an M builds an M
  public static <M extends Message> M decode(byte[] payload, M prototype) {
    Message.Builder builder = prototype.newBuilderForType();
    String type = prototype.getDescriptorForType().getName();
    if (payload == null || payload.length == 0) {
      return prototype;
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedMessageException(
          "malformed " + type + " (proto3 JSON expected): the payload is not UTF-8 text", e);
    }
    try {
      PARSER.merge(text, builder);
      return (M) builder.build();
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // JsonFormat reports some syntax errors as unchecked Gson exceptions; both mean bad input.
      throw new MalformedMessageException(
          "malformed " + type + " (proto3 JSON expected): " + firstLine(e.getMessage()), e);
    }
  }

  /**
   * The parser's first line, without the exception class names Gson puts in front, with control
   * characters escaped and at most {@value #MAX_REASON} characters (it may quote the payload).
   */
  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable payload";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    line = CLASS_PREFIX.matcher(line).replaceFirst("");
    StringBuilder out = new StringBuilder();
    line.codePoints()
        .limit(MAX_REASON)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return line.codePointCount(0, line.length()) > MAX_REASON ? out + "..." : out.toString();
  }
}
