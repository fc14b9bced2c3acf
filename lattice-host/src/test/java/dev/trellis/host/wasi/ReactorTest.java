package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Linker;
import dev.trellis.wrpc.wit.WitValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code reactor} fixture (a C library through the preview1 reactor adapter) on WASI. */
class ReactorTest {
  private static final String IFACE = "trellis:examples/diagnostics#";
  private static final ComponentPre PRE =
      Wasi.addTo(Linker.create()).prepare(WasiFixtures.load("reactor"));

  @Test
  void logWritesToStderrAndCounts() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ComponentInstance instance =
        PRE.instantiate(Wasi.hostState(WasiContext.builder().stderr(err).build()));
    assertEquals(
        Optional.of(WitValue.u32(1)), instance.invoke(IFACE + "log", WitValue.string("one")));
    assertEquals(
        Optional.of(WitValue.u32(2)), instance.invoke(IFACE + "log", WitValue.string("two")));
    assertEquals("reactor: one\nreactor: two\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void getEnvSeesExactlyTheGrantedEnvironment() {
    WasiContext context = WasiContext.builder().env("X", "forty two").env("EMPTY", "").build();
    ComponentInstance instance = PRE.instantiate(Wasi.hostState(context));
    assertEquals(
        Optional.of(WitValue.some(WitValue.string("forty two"))),
        instance.invoke(IFACE + "get-env", WitValue.string("X")));
    assertEquals(
        Optional.of(WitValue.some(WitValue.string(""))),
        instance.invoke(IFACE + "get-env", WitValue.string("EMPTY")));
    assertEquals(
        Optional.of(WitValue.none()), instance.invoke(IFACE + "get-env", WitValue.string("HOME")));
  }

  @Test
  void eachInstanceHasItsOwnContext() {
    ComponentInstance a =
        PRE.instantiate(Wasi.hostState(WasiContext.builder().env("X", "a").build()));
    ComponentInstance b =
        PRE.instantiate(Wasi.hostState(WasiContext.builder().env("X", "b").build()));
    assertEquals(
        Optional.of(WitValue.some(WitValue.string("b"))),
        b.invoke(IFACE + "get-env", WitValue.string("X")));
    assertEquals(
        Optional.of(WitValue.some(WitValue.string("a"))),
        a.invoke(IFACE + "get-env", WitValue.string("X")));
  }
}
