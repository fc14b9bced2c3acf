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
    if (selected.isEmpty() || selected.contains("host-api")) {
      System.err.println("host-api: 5000 status requests vs 5000 raw request/replies ...");
      figures.addAll(HostApiLatency.run(5000, Duration.ofSeconds(60)));
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
