package dev.trellis.wrpc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Handles travel as opaque byte strings (LEB128 length + bytes), mapped by a {@link HandleCodec}.
 */
class HandleCodecTest {
  @Test
  void int64HandlesAreEightLittleEndianBytes() {
    WrpcCodec codec = WrpcCodec.create();
    WitType own = new WitType.OwnType(WitGen.FILE);
    EncodedFrame frame = codec.encode(List.of(own), List.of(new HandleValue(WitGen.FILE, 0x0102)));
    assertEquals("08 02 01 00 00 00 00 00 00", Hex.of(frame.toByteArray()));
    assertEquals(
        List.of(new HandleValue(WitGen.FILE, 0x0102)),
        codec.decode(List.of(own), frame.bytes()).values());
  }

  @Test
  void aHandleTableNumbersRemoteBytesAndMintsLocalOnes() {
    AtomicInteger minted = new AtomicInteger();
    HandleTable table =
        new HandleTable(100, () -> new byte[] {(byte) 0xAA, (byte) minted.incrementAndGet()});
    WrpcCodec codec = WrpcCodec.create(WrpcCodecOptions.defaults(), table);
    WitType borrow = new WitType.BorrowType(WitGen.SOCKET);
    byte[] uuid = Hex.bytes("10 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff");
    WitValue remote = codec.decode(List.of(borrow), ByteBuffer.wrap(uuid)).values().get(0);
    assertEquals(new HandleValue(WitGen.SOCKET, 100), remote);
    assertEquals(remote, codec.decode(List.of(borrow), ByteBuffer.wrap(uuid)).values().get(0));
    assertEquals(
        Hex.of(uuid), Hex.of(codec.encode(List.of(borrow), List.of(remote)).toByteArray()));
    assertEquals(
        "02 aa 01",
        Hex.of(
            codec
                .encode(List.of(borrow), List.of(new HandleValue(WitGen.SOCKET, 7)))
                .toByteArray()));
    assertArrayEquals(Hex.bytes("aa 01"), table.wireBytes(7).orElseThrow());
    table.forget(7);
    assertEquals(Optional.empty(), table.wireBytes(7));
  }
}
