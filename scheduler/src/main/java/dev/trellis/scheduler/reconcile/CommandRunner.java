package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.v2.WorkloadStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands as Host API requests, all at once (one virtual thread each). A pass waits for the
 * answers only up to {@code wait}, so one slow or frozen host never holds up an app's healing;
 * answers that come later go to {@code late} (the reconciler records them in the app's next pass,
 * which it triggers). A host that does not answer at all yields a {@link HostCall} saying so. Every
 * command is counted in {@code trellis.scheduler.commands} by kind ({@code start}, {@code stop})
 * and outcome ({@code answered}, {@code no_responders}, {@code timed_out}, {@code failed}).
 */
final class CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

  private final HostApiClient hosts;
  private final ExecutorService pool;
  private final Duration wait;
  private final BiConsumer<String, Outcome> late;
  private final MeterRegistry meters;

  CommandRunner(
      HostApiClient hosts,
      ExecutorService pool,
      Duration wait,
      BiConsumer<String, Outcome> late,
      MeterRegistry meters) {
    this.hosts = hosts;
    this.pool = pool;
    this.wait = wait;
    this.late = late;
    this.meters = meters;
  }

  /**
   * A command and the host's answer.
   *
   * @param command what was sent
   * @param reply what came back
   */
  record Outcome(Command command, HostCall<WorkloadStatus> reply) {}

  /** Sends {@code commands}; returns the answers that arrived within the wait. */
  List<Outcome> run(String app, List<Command> commands) {
    List<CompletableFuture<Outcome>> sent = new ArrayList<>();
    for (Command command : commands) {
      sent.add(
          CompletableFuture.supplyAsync(() -> new Outcome(command, send(command)), pool)
              .whenComplete(
                  (outcome, error) -> {
                    count(command, outcome);
                    log(app, command, outcome);
                  }));
    }
    long deadline = System.nanoTime() + wait.toNanos();
    List<Outcome> outcomes = new ArrayList<>();
    for (CompletableFuture<Outcome> future : sent) {
      try {
        outcomes.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        future.thenAccept(outcome -> late.accept(app, outcome));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        future.thenAccept(outcome -> late.accept(app, outcome));
      } catch (ExecutionException e) {
        LOG.warn("workload_command_failed app={} error={}", app, String.valueOf(e.getCause()));
      }
    }
    return outcomes;
  }

  private HostCall<WorkloadStatus> send(Command command) {
    return switch (command) {
      case Command.Start start -> hosts.start(start.hostId(), start.workloadId(), start.workload());
      case Command.Stop stop -> hosts.stop(stop.hostId(), stop.workloadId());
    };
  }

  private void count(Command command, Outcome outcome) {
    String kind =
        switch (command) {
          case Command.Start start -> "start";
          case Command.Stop stop -> "stop";
        };
    String result =
        outcome == null
            ? "failed"
            : switch (outcome.reply()) {
              case HostCall.Answered<WorkloadStatus> a -> "answered";
              case HostCall.NoResponders<WorkloadStatus> n -> "no_responders";
              case HostCall.TimedOut<WorkloadStatus> t -> "timed_out";
              case HostCall.Failed<WorkloadStatus> f -> "failed";
            };
    Counter.builder("trellis.scheduler.commands")
        .description("Host API commands sent, by kind and outcome")
        .tags("kind", kind, "outcome", result)
        .register(meters)
        .increment();
  }

  private static void log(String app, Command command, Outcome outcome) {
    String answer =
        outcome == null
            ? "failed"
            : switch (outcome.reply()) {
              case HostCall.Answered<WorkloadStatus> a ->
                  (a.value().getWorkloadState().name() + " " + a.value().getMessage()).strip();
              case HostCall.NoResponders<WorkloadStatus> n -> "no responders";
              case HostCall.TimedOut<WorkloadStatus> t -> "timed out";
              case HostCall.Failed<WorkloadStatus> f -> f.message();
            };
    switch (command) {
      case Command.Start start ->
          LOG.info(
              "workload_start app={} host_id={} workload_id={} scaler={} answer=\"{}\"",
              app,
              start.hostId(),
              start.workloadId(),
              start.scalerKey(),
              answer);
      case Command.Stop stop ->
          LOG.info(
              "workload_stop app={} host_id={} workload_id={} reason={} answer=\"{}\"",
              app,
              stop.hostId(),
              stop.workloadId(),
              stop.reason(),
              answer);
    }
  }
}
