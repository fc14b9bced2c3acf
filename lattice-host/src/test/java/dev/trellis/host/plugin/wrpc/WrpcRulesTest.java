package dev.trellis.host.plugin.wrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.wit.ResourceType;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure rules of the wRPC plugin: error values, entry settings, handles on the wire. */
class WrpcRulesTest {
  private static final WitType STRING = WitType.Primitive.STRING;
  private static final WitType.VariantType KV_ERROR =
      WitType.variant(
          "error",
          WitType.variantCase("no-such-store"),
          WitType.variantCase("access-denied"),
          WitType.variantCase("other", STRING));

  @Test
  void aFailureIsAnErrorValueOnlyWhereTheResultTypeCanSayIt() {
    assertEquals(
        Optional.of(WitValue.err(WitValue.string("down"))),
        GuestErrors.value(List.of(WitType.result(WitType.Primitive.U64, STRING)), "down"));
    assertEquals(
        Optional.of(WitValue.err(WitValue.variant("other", WitValue.string("down")))),
        GuestErrors.value(List.of(WitType.result(WitType.Primitive.U64, KV_ERROR)), "down"));
    WitType.VariantType noText =
        WitType.variant(
            "e", WitType.variantCase("a"), WitType.variantCase("b", WitType.Primitive.U32));
    assertEquals(
        Optional.empty(),
        GuestErrors.value(List.of(WitType.result(WitType.Primitive.U64, noText)), "down"));
    assertEquals(Optional.empty(), GuestErrors.value(List.of(WitType.Primitive.U32), "down"));
    assertEquals(Optional.empty(), GuestErrors.value(List.of(), "down"));
    assertEquals(
        Optional.empty(),
        GuestErrors.value(
            List.of(new WitType.ResultType(Optional.of(STRING), Optional.empty())), "down"));
  }

  private static WitInterfaceSpec entry(Map<String, String> config) {
    return WitInterfaceSpec.parse("wasi:keyvalue/store@0.2.0-draft").withConfig(config);
  }

  @Test
  void anEntryNamesItsPrefixDeadlineRetriesAndLink() {
    WrpcEntry e =
        WrpcEntry.of(
            entry(
                Map.of(
                    "wrpc:name", "inventory-kv",
                    "wrpc:timeout", "750ms",
                    "wrpc:idempotent", "open, [method]bucket.get")),
            "edge",
            Duration.ofSeconds(5));
    assertEquals("edge.inventory-kv", e.prefix());
    assertEquals(Duration.ofMillis(750), e.timeout());
    assertEquals("default", e.linkName());
    var idempotency =
        e.idempotency(
            "wasi:keyvalue/store@0.2.0-draft",
            List.of("open", "[method]bucket.get", "[method]bucket.set"));
    assertTrue(idempotency.covers(fn("open")));
    assertTrue(idempotency.covers(fn("[method]bucket.get")));
    assertTrue(!idempotency.covers(fn("[method]bucket.set")));

    WrpcEntry plain =
        WrpcEntry.of(
            entry(Map.of("wrpc:name", "kv")).withName("cache"), "default", Duration.ofSeconds(3));
    assertEquals(Duration.ofSeconds(3), plain.timeout());
    assertEquals("cache", plain.linkName());
    assertTrue(
        !plain.idempotency("wasi:keyvalue/store@0.2.0-draft", List.of("open")).covers(fn("open")));
  }

  private static WrpcFunction fn(String name) {
    return WrpcFunction.of("wasi:keyvalue/store@0.2.0-draft", name, List.of(), List.of());
  }

  @Test
  void badEntrySettingsAreRefusedNamingTheEntryAndKey() {
    PluginException timeout =
        assertThrows(
            PluginException.class,
            () ->
                WrpcEntry.of(
                    entry(Map.of("wrpc:name", "kv", "wrpc:timeout", "soon")),
                    "default",
                    Duration.ofSeconds(5)));
    assertTrue(
        timeout.getMessage().contains("wasi:keyvalue/store@0.2.0-draft"), timeout.getMessage());
    assertTrue(timeout.getMessage().contains("wrpc:timeout 'soon'"), timeout.getMessage());
    PluginException name =
        assertThrows(
            PluginException.class,
            () ->
                WrpcEntry.of(entry(Map.of("wrpc:name", "a.b")), "default", Duration.ofSeconds(5)));
    assertTrue(name.getMessage().contains("wRPC name 'a.b'"), name.getMessage());
  }

  @Test
  void handlesTravelAsTheirBytesAndComeBackAsNewHandles() {
    ResourceType bucket = new ResourceType("bucket");
    WitType type = WitType.option(WitType.tuple(new WitType.OwnType(bucket), STRING));
    assertEquals(
        WitType.option(WitType.tuple(WitType.list(WitType.Primitive.U8), STRING)),
        WireTypes.wire(type));
    WitValue guest =
        WitValue.some(WitValue.tuple(new WitValue.HandleValue(bucket, 7), WitValue.string("k")));
    WitValue sent =
        WireTypes.out(
            type, guest, (t, h) -> WitValue.ListValue.ofBytes(new byte[] {(byte) h.handle()}));
    assertEquals(
        WitValue.some(
            WitValue.tuple(WitValue.ListValue.ofBytes(new byte[] {7}), WitValue.string("k"))),
        sent);
    WitValue back =
        WireTypes.in(type, sent, h -> new WitValue.HandleValue(bucket, 100 + h.bytes()[0]));
    assertEquals(
        WitValue.some(WitValue.tuple(new WitValue.HandleValue(bucket, 107), WitValue.string("k"))),
        back);
  }
}
