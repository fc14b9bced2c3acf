package dev.trellis.host.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.Linker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@code command} fixture (a C program through the preview1 command adapter) on WASI. */
class CommandTest {
  private static final ComponentPre PRE =
      Wasi.addTo(Linker.create()).prepare(WasiFixtures.load("command"));

  private record Outcome(int code, String stdout, String stderr, ComponentInstance instance) {}

  private static Outcome run(WasiContext.Builder builder) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    WasiContext context = builder.stdout(out).stderr(err).build();
    ComponentInstance instance = PRE.instantiate(Wasi.hostState(context));
    int code = Wasi.runCommand(instance);
    return new Outcome(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), instance);
  }

  @Test
  void argumentsEnvironmentAndStdinReachTheProgram() {
    Outcome o =
        run(
            WasiContext.builder()
                .arguments("command", "one", "--cat")
                .env("TRELLIS_NAME", "Ada")
                .stdin(new ByteArrayInputStream("piped\n".getBytes(StandardCharsets.UTF_8))));
    assertEquals("Hello, Ada!\nargc=2\nargv[1]=one\nargv[2]=--cat\npiped\n", o.stdout());
    assertEquals("hello: done\n", o.stderr());
    assertEquals(0, o.code());
  }

  @Test
  void withoutEnvironmentOrArgumentsItGreetsTheWorld() {
    Outcome o = run(WasiContext.builder().arguments("command"));
    assertEquals("Hello, world!\nargc=0\n", o.stdout());
    assertEquals("hello: done\n", o.stderr());
    assertEquals(0, o.code());
  }

  @Test
  void aNonZeroExitBecomesExitCodeOne() {
    Outcome o = run(WasiContext.builder().arguments("command").env("TRELLIS_EXIT_CODE", "3"));
    assertEquals(1, o.code());
    assertEquals("hello: done\n", o.stderr());
    assertTrue(o.instance().isPoisoned(), "exit stops the instance");
  }

  @Test
  void aMegabyteOfStdinIsCopiedExactly() {
    byte[] input = new byte[1 << 20];
    new Random(7).nextBytes(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiContext context =
        WasiContext.builder()
            .arguments("command", "--cat")
            .stdin(new ByteArrayInputStream(input))
            .stdout(out)
            .build();
    assertEquals(0, Wasi.runCommand(PRE.instantiate(Wasi.hostState(context))));
    byte[] all = out.toByteArray();
    byte[] prefix = "Hello, world!\nargc=1\nargv[1]=--cat\n".getBytes(StandardCharsets.UTF_8);
    byte[] copied = Arrays.copyOfRange(all, prefix.length, all.length);
    assertArrayEquals(input, copied);
  }

  @Test
  void anInstanceWithoutContextUsesTheLinkersDefault() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WasiContext fallback = WasiContext.builder().arguments("command", "x").stdout(out).build();
    ComponentPre pre = Wasi.addTo(Linker.create(), fallback).prepare(WasiFixtures.load("command"));
    assertEquals(0, Wasi.runCommand(pre.instantiate()));
    assertEquals("Hello, world!\nargc=1\nargv[1]=x\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anInstanceWithoutAnyContextTrapsSayingSo() {
    ComponentPre pre = Wasi.addTo(Linker.create()).prepare(WasiFixtures.load("command"));
    ComponentTrapException e =
        assertThrows(ComponentTrapException.class, () -> Wasi.runCommand(pre.instantiate()));
    assertTrue(e.getMessage().contains("has no WasiContext"), e.getMessage());
  }
}
