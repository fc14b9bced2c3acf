package dev.trellis.host.plugin.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.plugin.ComponentIdentity;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.wasi.Preopen;
import dev.trellis.host.wasi.WasiContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a component's WASI context grants: its name, its environment, its mounts; nothing else. */
class WasiPluginTest {
  @TempDir Path dir;

  @Test
  void theContextCarriesTheLocalResourcesAndNothingMore() {
    ComponentInfo info =
        new ComponentInfo(
            "api",
            ComponentInfo.Kind.COMPONENT,
            "file:///api.wasm",
            Map.of("B", "2", "A", "1"),
            Map.of(),
            List.of(Preopen.of(dir, "/data", true)),
            List.of(),
            0);
    WasiContext ctx = WasiPlugin.context(info, new ComponentIdentity("w", "w", "api"));
    assertEquals(List.of("api"), ctx.arguments());
    assertEquals(List.of(Map.entry("A", "1"), Map.entry("B", "2")), ctx.environment());
    assertEquals(1, ctx.preopens().size());
    assertEquals("/data", ctx.preopens().get(0).guestPath());
    assertEquals(true, ctx.preopens().get(0).readOnly());
    assertEquals(java.util.Optional.empty(), ctx.stdin());
  }
}
