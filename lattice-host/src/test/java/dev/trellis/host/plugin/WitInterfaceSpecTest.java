package dev.trellis.host.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.HostException;
import dev.trellis.proto.v2.WitInterface;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitInterfaceSpecTest {
  @Test
  void parsesAndPrintsInterfaceNames() {
    WitInterfaceSpec kv = WitInterfaceSpec.parse("wasi:keyvalue/store,atomics@0.2.0-draft");
    assertEquals("wasi:keyvalue", kv.packageId());
    assertEquals(List.of("store", "atomics"), kv.interfaces());
    assertEquals(Optional.of("0.2.0-draft"), kv.version());
    assertEquals("wasi:keyvalue/{store,atomics}@0.2.0-draft", kv.toString());
    assertEquals(
        List.of("wasi:keyvalue/store@0.2.0-draft", "wasi:keyvalue/atomics@0.2.0-draft"),
        kv.qualifiedNames());
    assertThrows(HostException.class, () -> WitInterfaceSpec.parse("Wasi:KV"));
  }

  @Test
  void coversImportsOfTheSamePackageWithMatchingVersions() {
    WitInterfaceSpec kv = WitInterfaceSpec.parse("wasi:keyvalue/store@0.2.0-draft");
    assertTrue(kv.covers("wasi:keyvalue/store@0.2.0-draft"));
    assertFalse(kv.covers("wasi:keyvalue/store@0.2.0-draft2"), "pre-releases match exactly");
    assertFalse(kv.covers("wasi:keyvalue/atomics@0.2.0-draft"), "only listed interfaces");
    assertTrue(WitInterfaceSpec.parse("wasi:keyvalue").covers("wasi:keyvalue/batch@0.2.0-draft"));
    WitInterfaceSpec http = WitInterfaceSpec.parse("wasi:http/incoming-handler@0.2.0");
    assertTrue(http.covers("wasi:http/incoming-handler@0.2.6"));
    assertFalse(http.covers("wasi:http/incoming-handler@0.3.0"));
    assertFalse(http.covers("wasi:cli/run@0.2.0"));
  }

  @Test
  void roundTripsTheWireFormAndKnowsWrpcEntries() {
    WitInterface wire =
        WitInterface.newBuilder()
            .setNamespace("wasi")
            .setPackage("keyvalue")
            .setVersion("0.2.0-draft")
            .addInterfaces("store")
            .putConfig("wrpc:name", "kv")
            .setName("cache")
            .build();
    WitInterfaceSpec spec = WitInterfaceSpec.fromProto(wire);
    assertEquals(wire, spec.toProto());
    assertTrue(spec.isWrpc());
    assertEquals(Optional.of("cache"), spec.name());
    assertFalse(spec.withConfig(Map.of()).isWrpc());
  }

  @Test
  void worldsMergeInterfacesOfOnePackage() {
    PluginWorld union =
        PluginWorld.union(
            List.of(
                PluginWorld.of(List.of("wasi:cli/stdout@0.2.12"), List.of()),
                PluginWorld.of(
                    List.of("wasi:cli/stderr@0.2.12", "wasi:logging/logging@0.1.0-draft"),
                    List.of("wasmcloud:messaging/handler@0.2.0"))));
    assertEquals(
        List.of("wasi:cli/{stdout,stderr}@0.2.12", "wasi:logging/logging@0.1.0-draft"),
        union.imports().stream().map(WitInterfaceSpec::toString).toList());
    assertTrue(union.drivesExport("wasmcloud:messaging/handler@0.2.0"));
  }
}
