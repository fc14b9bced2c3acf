package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.Linker;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** WASI imports older than {@value Wasi#VERSION} link to it, sockets included. */
class VersionsTest {

  @Test
  void importsOfEarlier02VersionsAreServed() {
    ComponentDefinition definition = WasiFixtures.load("wasi-versions");
    List<String> imports = definition.imports().stream().map(ExternItem::name).toList();
    assertTrue(imports.contains("wasi:cli/environment@0.2.0"), imports.toString());
    assertTrue(imports.contains("wasi:random/random@0.2.3"), imports.toString());
    WasiContext context =
        WasiContext.builder().arguments("prog", "a", "b").random(new SplittableRandom(9)).build();
    ComponentInstance instance =
        Wasi.addTo(Linker.create()).instantiate(definition, Wasi.hostState(context));
    assertEquals(Optional.of(WitValue.u32(3)), instance.invoke("count-args"));
    assertEquals(
        Optional.of(WitValue.u64(new SplittableRandom(9).nextLong())), instance.invoke("random"));
    assertEquals(Optional.of(WitValue.bool(true)), instance.invoke("has-network"));
  }
}
