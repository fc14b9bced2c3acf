package dev.trellis.wrpc.codec;

import static dev.trellis.wrpc.wit.WitType.Primitive.STRING;
import static dev.trellis.wrpc.wit.WitType.Primitive.U32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frames split across chunks decode exactly as whole frames, with useful "need more" hints. */
class IncrementalDecodeTest {
  private static final List<WitType> TYPES =
      List.of(U32, WitType.list(WitType.tuple(STRING, WitType.list(WitType.Primitive.U8))));
  private static final List<WitValue> VALUES =
      List.of(
          WitValue.u32(1 << 20),
          WitValue.list(
              WitValue.tuple(WitValue.string("content-type"), WitValue.list(WitValue.u8(1))),
              WitValue.tuple(WitValue.string("ƒ𐍈"), WitValue.list())));

  private final WrpcCodec codec = WrpcCodec.create();

  @Test
  void byteAtATimeGivesTheSameValues() {
    byte[] bytes = codec.encode(TYPES, VALUES).toByteArray();
    WrpcDecoder decoder = codec.decoder("params", TYPES);
    for (int i = 0; i < bytes.length - 1; i++) {
      assertInstanceOf(NeedMore.class, decoder.feed(ByteBuffer.wrap(bytes, i, 1)));
    }
    DecodeStep last = decoder.feed(ByteBuffer.wrap(bytes, bytes.length - 1, 1));
    assertEquals(VALUES, ((DecodeStep.Complete) last).frame().values());
    assertEquals(VALUES, decoder.finish().values());
  }

  @Test
  void theHintCoversAStringsAnnouncedLength() {
    WrpcDecoder decoder = codec.decoder("params", List.of(STRING));
    assertEquals(new NeedMore(3), decoder.feed(ByteBuffer.wrap(Hex.bytes("05 68 65"))));
    assertEquals(new NeedMore(1), decoder.feed(ByteBuffer.wrap(Hex.bytes("6c 6c"))));
    DecodeStep done = decoder.feed(ByteBuffer.wrap(Hex.bytes("6f 99")));
    assertEquals(
        new DecodeStep.Complete(new DecodedFrame(List.of(WitValue.string("hello")), List.of()), 1),
        done);
  }

  @Test
  void chunksAreNotRetainedAfterFeed() {
    byte[] chunk = Hex.bytes("05 68 65");
    WrpcDecoder decoder = codec.decoder("params", List.of(STRING));
    decoder.feed(ByteBuffer.wrap(chunk));
    chunk[1] = 'X';
    DecodeStep done = decoder.feed(ByteBuffer.wrap(Hex.bytes("6c 6c 6f")));
    assertEquals(List.of(WitValue.string("hello")), ((DecodeStep.Complete) done).frame().values());
  }

  @Test
  void inputStreamsDecodeToTheirEnd() {
    byte[] bytes = codec.encode(TYPES, VALUES).toByteArray();
    assertEquals(VALUES, codec.decode(TYPES, new ByteArrayInputStream(bytes)).values());
  }
}
