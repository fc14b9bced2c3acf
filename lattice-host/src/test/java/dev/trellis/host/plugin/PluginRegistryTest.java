package dev.trellis.host.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.plugin.logging.LoggingPlugin;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Built-ins reach a host through the same ServiceLoader SPI a third-party plugin uses. */
class PluginRegistryTest {
  @Test
  void discoversTheBuiltInsThatCanServeWithoutNats() {
    try (PluginRegistry registry =
        PluginRegistry.discover(PluginContext.local("h", "default", Clock.systemUTC()))) {
      // wrpc is there too, to refuse interfaces routed over wRPC with a message naming them
      assertEquals(
          List.of("wasi", "wasi-config", "wasi-http", "wasi-keyvalue", "wasi-logging", "wrpc"),
          registry.plugins().stream().map(HostPlugin::id).toList());
      List<String> imports =
          registry.world().imports().stream().map(WitInterfaceSpec::toString).toList();
      assertTrue(
          imports.contains("wasi:keyvalue/{store,atomics,batch}@0.2.0-draft"), imports.toString());
      assertTrue(imports.contains("wasi:logging/logging@0.1.0-draft"), imports.toString());
      assertTrue(imports.contains("wasi:config/store@0.2.0-rc.1"), imports.toString());
    }
  }

  @Test
  void refusesTwoPluginsWithOneIdAndAddsThirdPartyOnes() {
    PluginRegistry one = PluginRegistry.of(List.of(new LoggingPlugin()));
    assertThrows(PluginException.class, () -> one.with(new LoggingPlugin()));
    HostPlugin custom =
        new HostPlugin() {
          @Override
          public String id() {
            return "acme-blobs";
          }

          @Override
          public PluginWorld world() {
            return PluginWorld.of(List.of("wasi:blobstore/blobstore@0.2.0-draft"), List.of());
          }
        };
    PluginRegistry two = one.with(custom);
    assertEquals(
        List.of("wasi-logging", "acme-blobs"), two.plugins().stream().map(HostPlugin::id).toList());
    assertEquals(
        List.of("acme-blobs"),
        two.without("wasi-logging").plugins().stream().map(HostPlugin::id).toList());
  }
}
