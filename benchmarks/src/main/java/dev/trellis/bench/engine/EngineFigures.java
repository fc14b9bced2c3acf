package dev.trellis.bench.engine;

import dev.trellis.bench.Figure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs {@link EngineBench} with JMH and pairs each measurement with its floor. */
public final class EngineFigures {
  private EngineFigures() {}

  public static List<Figure> run() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(EngineBench.class.getName())
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> score = new HashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      score.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    double perCall = EngineBench.INNER_CALLS;
    List<Figure> figures = new ArrayList<>();
    figures.add(
        new Figure(
            "instantiate 1-module component (no imports)",
            "ns",
            score.get("instantiateComponent"),
            score.get("instantiateCoreModuleFloor"),
            "raw Chicory instance of its core module",
            3.0));
    figures.add(
        new Figure(
            "instantiate C component + WASI adapter",
            "ns",
            score.get("instantiateWasiComponent"),
            score.get("instantiateCoreModuleFloor"),
            "raw instance of bench-callee's core module",
            0));
    figures.add(
        new Figure(
            "in-process component->component call",
            "ns",
            score.get("inProcessCalls") / perCall,
            score.get("inProcessCallsFloor") / perCall,
            "raw core->core call through an import",
            2.0));
    figures.add(
        new Figure(
            "host call of add(s32, s32) -> s32",
            "ns",
            score.get("callScalar"),
            score.get("callScalarFloor"),
            "raw Chicory export call",
            0));
    figures.add(
        new Figure(
            "host call of echo(string) -> string",
            "ns",
            score.get("callString"),
            score.get("callStringFloor"),
            "raw realloc+copy+call+read+post-return",
            0));
    return figures;
  }
}
