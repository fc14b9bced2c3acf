package dev.trellis.host.engine.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteReaderTest {

  private static ByteReader reader(int... bytes) {
    return ByteReader.of(Bin.of(bytes).build(), "test");
  }

  private static ComponentDecodeException fails(Runnable read) {
    return assertThrows(ComponentDecodeException.class, read::run);
  }

  @Test
  void readsU32AtEveryWidth() {
    assertEquals(0, reader(0x00).u32());
    assertEquals(127, reader(0x7f).u32());
    assertEquals(128, reader(0x80, 0x01).u32());
    assertEquals(624485, reader(0xe5, 0x8e, 0x26).u32());
    assertEquals(0xffff_ffffL, reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32());
  }

  @Test
  void acceptsNonMinimalU32WithinFiveBytes() {
    assertEquals(0, reader(0x80, 0x80, 0x80, 0x80, 0x00).u32());
  }

  @Test
  void rejectsU32LongerThanFiveBytes() {
    var e = fails(() -> reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32());
    assertEquals("overlong LEB128 encoding of u32", e.reason());
    assertEquals(4, e.offset());
  }

  @Test
  void rejectsU32WithBitsBeyond32() {
    var e = fails(() -> reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32());
    assertEquals("integer too large for u32", e.reason());
  }

  @Test
  void rejectsTruncatedLeb() {
    var e = fails(() -> reader(0x80, 0x80).u32());
    assertEquals("truncated LEB128 integer", e.reason());
    assertEquals(2, e.offset());
  }

  @Test
  void readsS33() {
    assertEquals(0, reader(0x00).s33());
    assertEquals(63, reader(0x3f).s33());
    assertEquals(-1, reader(0x7f).s33());
    assertEquals(64, reader(0xc0, 0x00).s33());
    assertEquals(-65, reader(0xbf, 0x7f).s33());
    assertEquals(0xffff_ffffL, reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33());
    assertEquals(-(1L << 32), reader(0x80, 0x80, 0x80, 0x80, 0x70).s33());
  }

  @Test
  void rejectsS33OutOfRange() {
    assertEquals(
        "integer too large for s33",
        fails(() -> reader(0xff, 0xff, 0xff, 0xff, 0x1f).s33()).reason());
    assertEquals(
        "overlong LEB128 encoding of s33",
        fails(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s33()).reason());
  }

  @Test
  void readsU64AndRejectsOverflow() {
    assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64());
    var e = fails(() -> reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x03).u64());
    assertEquals("integer too large for u64", e.reason());
  }

  @Test
  void indexRejectsValuesBeyondJavaInt() {
    var e = fails(() -> reader(0x80, 0x80, 0x80, 0x80, 0x08).index());
    assertTrue(e.reason().contains("too large"), e.reason());
  }

  @Test
  void readsUtf8Names() {
    assertEquals(
        "wasi:cli/run@0.2.0", ByteReader.of(Bin.str("wasi:cli/run@0.2.0").build(), "t").name());
    assertEquals("äß€😀", ByteReader.of(Bin.str("äß€😀").build(), "t").name());
  }

  @Test
  void rejectsMalformedUtf8() {
    assertEquals("name is not valid UTF-8", fails(() -> reader(0x02, 0xc3, 0x28).name()).reason());
    // overlong encoding of '/' and an encoded surrogate
    assertEquals("name is not valid UTF-8", fails(() -> reader(0x02, 0xc0, 0xaf).name()).reason());
    assertEquals(
        "name is not valid UTF-8", fails(() -> reader(0x03, 0xed, 0xa0, 0x80).name()).reason());
  }

  @Test
  void rejectsNameLongerThanInput() {
    var e = fails(() -> reader(0x05, 0x61, 0x62).name());
    assertEquals("name length 5 exceeds the 2 bytes left", e.reason());
  }

  @Test
  void rejectsHugeVectorLengthBeforeAllocating() {
    var e = fails(() -> reader(0xff, 0xff, 0xff, 0xff, 0x0f, 0x00).vec(ByteReader::u8));
    assertEquals("vector length 4294967295 exceeds the 1 bytes left", e.reason());
    assertEquals(0, e.offset());
  }

  @Test
  void readsVectorsAndOptionals() {
    assertEquals(List.of(1, 2, 3), reader(0x03, 0x01, 0x02, 0x03).vec(ByteReader::u8));
    assertEquals(Optional.empty(), reader(0x00).optional(ByteReader::u8));
    assertEquals(Optional.of(9), reader(0x01, 0x09).optional(ByteReader::u8));
    assertEquals(
        "invalid optional marker 0x02",
        fails(() -> reader(0x02).optional(ByteReader::u8)).reason());
  }

  @Test
  void sliceIsBoundedAndKeepsAbsoluteOffsets() {
    ByteReader outer = reader(0xaa, 0x80, 0x80, 0xbb);
    outer.u8();
    ByteReader slice = outer.slice(2, "inner");
    assertEquals(0xbb, outer.u8());
    var e = fails(slice::u32);
    assertEquals("inner", e.location());
    assertEquals(3, e.offset());
  }

  @Test
  void boundsNestingDepth() {
    ByteReader r = reader();
    for (int i = 0; i < ByteReader.MAX_DEPTH; i++) {
      r.enter();
    }
    assertTrue(fails(r::enter).reason().startsWith("nesting deeper than"));
  }

  @Test
  void messageNamesLocationAndHexOffset() {
    var e =
        new ComponentDecodeException("section 7 (type)", 0x1a3, "unknown defvaltype opcode 0x5f");
    assertEquals(
        "section 7 (type) at offset 0x1a3: unknown defvaltype opcode 0x5f", e.getMessage());
  }
}
