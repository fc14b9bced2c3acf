package dev.trellis.host.engine.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Test helpers: decode hand-built vectors and check failures. */
final class Decode {
  private Decode() {}

  /** Decodes a component holding one vector section with one item; returns that definition. */
  static Definition single(int sectionId, Bin item) {
    List<Definition> definitions =
        ComponentDecoder.decode(Bin.component(Bin.vecSection(sectionId, item))).definitions();
    assertEquals(1, definitions.size(), definitions::toString);
    return definitions.get(0);
  }

  /** The single type defined by {@code type}. */
  static DefType type(Bin type) {
    return ((Definition.TypeDef) single(7, type)).type();
  }

  /** Decodes bytes that must fail, returning the exception. */
  static ComponentDecodeException error(byte[] bytes) {
    return assertThrows(ComponentDecodeException.class, () -> ComponentDecoder.decode(bytes));
  }

  /** Decoding a one-item vector section must fail with a reason containing {@code reason}. */
  static ComponentDecodeException itemError(int sectionId, Bin item, String reason) {
    var e = error(Bin.component(Bin.vecSection(sectionId, item)));
    assertTrue(
        e.reason().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    return e;
  }
}
