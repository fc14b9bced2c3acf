package dev.trellis.wrpc.provider.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitValue.HandleValue;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamedHandlesTest {
  private static final ResourceType BUCKET = new ResourceType("bucket");

  @Test
  void aHandleTravelsAsItsNameAndComesBackToTheSameName() {
    NamedHandles handles = NamedHandles.of(64, RedisBuckets::isBucketName);
    HandleValue issued = handles.handle(BUCKET, "orders");
    assertArrayEquals(utf8("orders"), handles.toWire(issued));
    HandleValue received = handles.fromWire(BUCKET, utf8("orders")).orElseThrow();
    assertEquals(issued.handle(), received.handle());
    assertEquals(Optional.of("orders"), handles.name(received));
  }

  @Test
  void bytesThatAreNoValidNameAreRefused() {
    NamedHandles handles = NamedHandles.of(8, RedisBuckets::isBucketName);
    assertEquals(Optional.empty(), handles.fromWire(BUCKET, utf8("a:b")));
    assertEquals(Optional.empty(), handles.fromWire(BUCKET, utf8("toolongname")));
    assertEquals(Optional.empty(), handles.fromWire(BUCKET, new byte[] {(byte) 0xC3}));
    assertEquals(Optional.empty(), handles.fromWire(BUCKET, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> handles.handle(BUCKET, "a:b"));
  }

  @Test
  void theLeastRecentlyUsedNameIsForgottenBeyondCapacity() {
    NamedHandles handles = NamedHandles.of(16, s -> true, 2);
    HandleValue a = handles.handle(BUCKET, "a");
    HandleValue b = handles.handle(BUCKET, "b");
    handles.handle(BUCKET, "a");
    handles.handle(BUCKET, "c");
    assertEquals(Optional.of("a"), handles.name(a));
    assertEquals(Optional.empty(), handles.name(b));
    WrpcException e = assertThrows(WrpcException.class, () -> handles.toWire(b));
    assertTrue(e.getMessage().contains("not known"), e.getMessage());
    assertTrue(handles.handle(BUCKET, "b").handle() != b.handle(), "numbers are never reused");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
