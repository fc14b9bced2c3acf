package dev.trellis.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness: runs the lattice benchmarks and prints each figure beside its floor,
 * measured in the same run. {@code benchmarks/run [name...]} builds and runs it.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    List<String> selected = List.of(args);
    List<Figure> figures = new ArrayList<>();
    if (selected.isEmpty() || selected.contains("engine")) {
      System.err.println("engine: JMH, 1 fork, 3x1s warm-up, 5x1s measurement per benchmark ...");
      figures.addAll(dev.trellis.bench.engine.EngineFigures.run());
    }
    if (selected.isEmpty() || selected.contains("wasi-stream")) {
      System.err.println("wasi-stream: command.wasm --cat over 50 MiB, best of 5 ...");
      figures.addAll(dev.trellis.bench.engine.WasiStreamFigures.run(50, 5));
    }
    if (selected.isEmpty() || selected.contains("host-api")) {
      System.err.println("host-api: 5000 status requests vs 5000 raw request/replies ...");
      figures.addAll(HostApiLatency.run(5000, Duration.ofSeconds(60)));
    }
    if (selected.isEmpty() || selected.contains("wrpc")) {
      System.err.println("wrpc: 4000 echo calls vs 4000 raw request/replies, then 64 threads ...");
      figures.addAll(WrpcLatency.run(4000, 64, Duration.ofSeconds(60)));
    }
    if (selected.isEmpty() || selected.contains("http")) {
      System.err.println(
          "http: http-hello vs plain handler vs JDK server, 16 connections, 15s warm-up each,"
              + " 5 interleaved 4s rounds ...");
      figures.addAll(
          HttpThroughput.run(
              new HttpThroughput.Settings(
                  16, 2_000_000, Duration.ofSeconds(15), Duration.ofSeconds(4), 5)));
    }
    boolean deploy = selected.isEmpty() || selected.contains("deploy");
    boolean heal = selected.isEmpty() || selected.contains("heal");
    if (deploy || heal) {
      System.err.println(
          "deploy/heal: 5 host processes, 1 scheduler (default settings), 100 http-hello"
              + " instances; kill -9 of one host ...");
      figures.addAll(
          dev.trellis.bench.lattice.SchedulerFigures.run(
              new dev.trellis.bench.lattice.SchedulerFigures.Settings(
                  5, 100, Duration.ofSeconds(180)),
              deploy,
              heal));
    }
    System.out.println(Figure.header());
    for (Figure figure : figures) {
      System.out.println(figure.row());
    }
    System.out.printf(
        Locale.ROOT,
        "%n%d figures; machine: %d cores, java %s%n",
        figures.size(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
  }
}
