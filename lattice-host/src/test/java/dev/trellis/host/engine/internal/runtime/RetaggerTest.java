package dev.trellis.host.engine.internal.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import org.junit.jupiter.api.Test;

class RetaggerTest {
  private final ResourceType theirs = new ResourceType("error");
  private final ResourceType ours = new ResourceType("error");
  private final WitType readResult =
      WitType.result(WitType.list(WitType.Primitive.U8), new WitType.OwnType(ours));

  @Test
  void handlesTakeTheReceiversResourceType() {
    WitValue err = WitValue.err(new WitValue.HandleValue(theirs, 3));
    assertEquals(WitValue.err(new WitValue.HandleValue(ours, 3)), Retagger.retag(readResult, err));
  }

  @Test
  void listsThatCannotHoldHandlesAreNotCopied() {
    WitValue.ListValue body = WitValue.ListValue.ofBytes(new byte[64 * 1024]);
    WitValue.ResultValue ok = (WitValue.ResultValue) Retagger.retag(readResult, WitValue.ok(body));
    assertSame(body, ok.payload().orElseThrow());
  }
}
