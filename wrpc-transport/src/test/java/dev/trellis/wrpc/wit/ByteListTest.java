package dev.trellis.wrpc.wit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.codec.WrpcCodec;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByteListTest {
  private static final byte[] BYTES = {0, 1, 0x7f, (byte) 0x80, (byte) 0xff};

  @Test
  void aByteListEqualsTheSameListBuiltElementByElement() {
    List<WitValue> plain = new ArrayList<>();
    for (byte b : BYTES) {
      plain.add(new WitValue.U8Value(b & 0xFF));
    }
    WitValue.ListValue compact = WitValue.ListValue.ofBytes(BYTES);
    assertEquals(plain, compact.elements());
    assertEquals(compact.elements(), plain);
    assertEquals(plain.hashCode(), compact.elements().hashCode());
    assertEquals(new WitValue.ListValue(plain), compact);
    assertEquals(new WitValue.ListValue(plain).hashCode(), compact.hashCode());
    assertNotEquals(WitValue.ListValue.ofBytes(new byte[] {1, 2}), compact);
    assertNotEquals(WitValue.list(WitValue.s8(0)), WitValue.list(WitValue.u8(0)));
  }

  @Test
  void everyNonEmptyListOfU8IsStoredAsBytes() {
    WitValue.ListValue list = WitValue.list(WitValue.u8(7), WitValue.u8(255));
    ByteList bytes = assertInstanceOf(ByteList.class, list.elements());
    assertArrayEquals(new byte[] {7, (byte) 0xff}, bytes.toByteArray());
    assertTrue(list.bytes().isPresent());
    assertTrue(WitValue.list().bytes().isEmpty());
    assertTrue(WitValue.list(WitValue.u8(1), WitValue.s8(1)).bytes().isEmpty());
  }

  @Test
  void ofBytesCopiesAndWrapBytesAdopts() {
    byte[] source = BYTES.clone();
    WitValue.ListValue copied = WitValue.ListValue.ofBytes(source, 1, 3);
    WitValue.ListValue adopted = WitValue.ListValue.wrapBytes(source);
    source[1] = 9;
    assertArrayEquals(new byte[] {1, 0x7f, (byte) 0x80}, copied.toByteArray());
    assertEquals(WitValue.u8(9), adopted.elements().get(1));
  }

  @Test
  void bytesComeOutWithoutBoxing() {
    ByteList bytes = WitValue.ListValue.ofBytes(BYTES).bytes().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bytes.writeTo(out::write);
    assertArrayEquals(BYTES, out.toByteArray());
    assertEquals((byte) 0x80, bytes.byteAt(3));
    assertEquals(List.of(WitValue.u8(1), WitValue.u8(0x7f)), bytes.subList(1, 3));
    assertArrayEquals(
        new byte[] {1, 0x7f}, new WitValue.ListValue(bytes.subList(1, 3)).toByteArray());
  }

  @Test
  void toByteArrayRejectsAListOfOtherValues() {
    assertArrayEquals(new byte[0], WitValue.list().toByteArray());
    WitModelException e =
        assertThrows(
            WitModelException.class,
            () -> WitValue.list(WitValue.u8(1), WitValue.string("x")).toByteArray());
    assertEquals("list is not a list<u8>: element 1 is a StringValue", e.getMessage());
  }

  @Test
  void byteListsTypeCheckOnlyAsListsOfU8() {
    WitValue bytes = WitValue.ListValue.ofBytes(BYTES);
    WitTypes.check(WitType.list(WitType.Primitive.U8), bytes);
    WitTypeMismatchException e =
        assertThrows(
            WitTypeMismatchException.class,
            () -> WitTypes.check(WitType.list(WitType.Primitive.S8), bytes, "body"));
    assertTrue(e.getMessage().startsWith("body[0]: expected s8"), e.getMessage());
  }

  @Test
  void theCodecEncodesAndDecodesByteListsAsRawBytes() {
    WrpcCodec codec = WrpcCodec.create();
    List<WitType> types = List.of(WitType.list(WitType.Primitive.U8));
    WitValue.ListValue value = WitValue.ListValue.ofBytes(BYTES);
    byte[] encoded = codec.encode(types, List.of(value)).toByteArray();
    assertArrayEquals(new byte[] {5, 0, 1, 0x7f, (byte) 0x80, (byte) 0xff}, encoded);
    WitValue decoded = codec.decode(types, ByteBuffer.wrap(encoded)).values().get(0);
    assertEquals(value, decoded);
    assertTrue(((WitValue.ListValue) decoded).bytes().isPresent());
  }
}
