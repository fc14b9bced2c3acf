package dev.trellis.bench.engine;

import dev.trellis.bench.Figure;
import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.ComponentPre;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.Linker;
import dev.trellis.host.wasi.Wasi;
import dev.trellis.host.wasi.WasiContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * WASI stream throughput: {@code examples/wasm/command.wasm --cat} (a C program with the WASI
 * adapter) copies its standard input to its standard output in 4 KiB {@code fread}/{@code fwrite}
 * calls, so every chunk crosses {@code wasi:io/streams} twice as a {@code list<u8>}. Both ends are
 * in memory, so the figure is the engine's, not the disk's. The floor is the same bytes copied by
 * plain Java through a 4 KiB buffer. Each figure is the best of several runs, after warm-up runs.
 */
public final class WasiStreamFigures {
  private static final int CHUNK = 4096;

  private WasiStreamFigures() {}

  /** Copies {@code megabytes} MiB through the component {@code rounds} times; reports the best. */
  public static List<Figure> run(int megabytes, int rounds) {
    byte[] input = new byte[megabytes << 20];
    new SplittableRandom(1).nextBytes(input);
    ComponentDefinition command = Engine.create().load("command", Fixtures.component("command"));
    ComponentPre pre = Wasi.addTo(Linker.create()).prepare(command);
    for (int i = 0; i < 3; i++) {
      copyThroughComponent(pre, new byte[8 << 20]);
    }
    double best = Double.MAX_VALUE;
    double floor = Double.MAX_VALUE;
    for (int i = 0; i < rounds; i++) {
      best = Math.min(best, copyThroughComponent(pre, input));
      floor = Math.min(floor, copyInJava(input));
    }
    double mb = input.length / 1e6;
    return List.of(
        new Figure(
            "wasi stdin->stdout copy of " + megabytes + " MiB (" + Math.round(mb / best) + " MB/s)",
            "ms",
            best * 1e3,
            floor * 1e3,
            "plain Java copy through a 4 KiB buffer",
            0));
  }

  /** Runs the command once over {@code input}; returns seconds. */
  private static double copyThroughComponent(ComponentPre pre, byte[] input) {
    Counting out = new Counting();
    WasiContext context =
        WasiContext.builder()
            .arguments("command", "--cat")
            .stdin(new ByteArrayInputStream(input))
            .stdout(out)
            .build();
    long start = System.nanoTime();
    int code = Wasi.runCommand(pre.instantiate(Wasi.hostState(context)));
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0 || out.count < input.length) {
      throw new IllegalStateException(
          "command --cat exited " + code + " after " + out.count + " bytes of " + input.length);
    }
    return seconds;
  }

  private static double copyInJava(byte[] input) {
    Counting out = new Counting();
    InputStream in = new ByteArrayInputStream(input);
    byte[] buffer = new byte[CHUNK];
    long start = System.nanoTime();
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** An output stream that only counts what it is given. */
  private static final class Counting extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
