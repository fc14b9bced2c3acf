package dev.trellis.host.wasi;

import static dev.trellis.host.wasi.HostCalls.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code wasi:io/streams} over stdio, {@code wasi:io/poll} on stdin, and {@code wasi:cli/exit}. */
class StreamsAndExitTest {
  private static final String STREAMS = "wasi:io/streams";
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void stdoutWritesFlushesAndZeroes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HostCalls c = new HostCalls(WasiContext.builder().stdout(out).build());
    WitValue stdout = c.call("wasi:cli/stdout", "get-stdout");
    long budget = WitArgs.u64(ok(c.call(STREAMS, "[method]output-stream.check-write", stdout)));
    assertEquals(true, budget >= 4096);
    ok(c.call(STREAMS, "[method]output-stream.write", stdout, WitArgs.bytesValue(utf8("ab"))));
    ok(c.call(STREAMS, "[method]output-stream.write-zeroes", stdout, WitValue.u64(2)));
    ok(c.call(STREAMS, "[method]output-stream.flush", stdout));
    ok(
        c.call(
            STREAMS,
            "[method]output-stream.blocking-write-and-flush",
            stdout,
            WitArgs.bytesValue(utf8("c"))));
    assertArrayEquals(new byte[] {'a', 'b', 0, 0, 'c'}, out.toByteArray());
    c.drop(STREAMS, "output-stream", stdout);
    assertEquals(0, c.table().size(), "dropping the stream frees its entry");
  }

  @Test
  void stdinReadsThenReportsClosed() {
    HostCalls c =
        new HostCalls(WasiContext.builder().stdin(new ByteArrayInputStream(utf8("hello"))).build());
    WitValue stdin = c.call("wasi:cli/stdin", "get-stdin");
    WitValue first =
        ok(c.call(STREAMS, "[method]input-stream.blocking-read", stdin, WitValue.u64(3)));
    assertArrayEquals(utf8("hel"), WitArgs.bytes(first));
    assertEquals(
        WitValue.u64(1), ok(c.call(STREAMS, "[method]input-stream.skip", stdin, WitValue.u64(1))));
    WitValue rest = ok(c.call(STREAMS, "[method]input-stream.read", stdin, WitValue.u64(100)));
    assertArrayEquals(utf8("o"), WitArgs.bytes(rest));
    assertEquals(
        WitValue.err(WitValue.variant("closed")),
        c.call(STREAMS, "[method]input-stream.blocking-read", stdin, WitValue.u64(1)));
  }

  @Test
  void withoutStdinTheGuestReadsEndOfFile() {
    HostCalls c = new HostCalls(WasiContext.empty());
    WitValue stdin = c.call("wasi:cli/stdin", "get-stdin");
    assertEquals(
        WitValue.err(WitValue.variant("closed")),
        c.call(STREAMS, "[method]input-stream.blocking-read", stdin, WitValue.u64(1)));
  }

  @Test
  void aPollableOnStdinBecomesReadyWhenDataArrives() throws IOException {
    PipedOutputStream writer = new PipedOutputStream();
    PipedInputStream pipe = new PipedInputStream(writer);
    HostCalls c = new HostCalls(WasiContext.builder().stdin(pipe).build());
    WitValue stdin = c.call("wasi:cli/stdin", "get-stdin");
    WitValue empty = ok(c.call(STREAMS, "[method]input-stream.read", stdin, WitValue.u64(10)));
    assertEquals(new WitValue.ListValue(List.of()), empty, "nothing written yet");
    WitValue pollable = c.call(STREAMS, "[method]input-stream.subscribe", stdin);
    assertEquals(WitValue.bool(false), c.call("wasi:io/poll", "[method]pollable.ready", pollable));
    writer.write(utf8("late"));
    writer.flush();
    assertTimeoutPreemptively(
        BOUND, () -> c.call("wasi:io/poll", "[method]pollable.block", pollable));
    WitValue data = ok(c.call(STREAMS, "[method]input-stream.read", stdin, WitValue.u64(10)));
    assertArrayEquals(utf8("late"), WitArgs.bytes(data));
  }

  @Test
  void spliceCopiesStdinToStdout() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HostCalls c =
        new HostCalls(
            WasiContext.builder()
                .stdin(new ByteArrayInputStream(utf8("spliced")))
                .stdout(out)
                .build());
    WitValue stdin = c.call("wasi:cli/stdin", "get-stdin");
    WitValue stdout = c.call("wasi:cli/stdout", "get-stdout");
    assertEquals(
        WitValue.u64(7),
        ok(
            c.call(
                STREAMS,
                "[method]output-stream.blocking-splice",
                stdout,
                stdin,
                WitValue.u64(100))));
    assertEquals("spliced", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exitStopsTheGuestWithItsCode() {
    HostCalls c = new HostCalls(WasiContext.empty());
    assertEquals(0, exitCode(() -> c.call("wasi:cli/exit", "exit", WitValue.ok())));
    assertEquals(1, exitCode(() -> c.call("wasi:cli/exit", "exit", WitValue.err())));
    assertEquals(42, exitCode(() -> c.call("wasi:cli/exit", "exit-with-code", WitValue.u8(42))));
    assertEquals(
        Optional.of(3),
        Wasi.exitCode(new IllegalStateException("wrapped", new WasiExitException(3))));
  }

  private static int exitCode(Runnable call) {
    return assertThrows(WasiExitException.class, call::run).code();
  }

  @Test
  void environmentArgumentsCwdAndTerminals() {
    HostCalls c =
        new HostCalls(
            WasiContext.builder().arguments("prog", "a").env("K", "v").initialCwd("/work").build());
    String env = "wasi:cli/environment";
    assertEquals(
        new WitValue.ListValue(List.of(WitValue.string("prog"), WitValue.string("a"))),
        c.call(env, "get-arguments"));
    assertEquals(
        new WitValue.ListValue(List.of(WitValue.tuple(WitValue.string("K"), WitValue.string("v")))),
        c.call(env, "get-environment"));
    assertEquals(WitValue.some(WitValue.string("/work")), c.call(env, "initial-cwd"));
    assertEquals(WitValue.none(), c.call("wasi:cli/terminal-stdout", "get-terminal-stdout"));
    assertEquals(WitValue.none(), c.call("wasi:cli/terminal-stdin", "get-terminal-stdin"));
    assertEquals(WitValue.none(), c.call("wasi:cli/terminal-stderr", "get-terminal-stderr"));
  }
}
