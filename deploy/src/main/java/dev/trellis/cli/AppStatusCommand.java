package dev.trellis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.SchedulerException;
import dev.trellis.scheduler.api.ApiJson;
import dev.trellis.scheduler.api.ApiResponse.StatusResponse;
import dev.trellis.scheduler.api.ApiResponse.StatusResult;
import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.ScalerStatus;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis app status NAME [--watch]}: an application's status and what each scaler reports;
 * with {@code --watch}, every update as the scheduler publishes it on {@code
 * wadm.status.{lattice}.{app}}, until Ctrl-C or the status named by {@code --until}.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show an application's status; --watch follows live updates.")
final class AppStatusCommand implements Callable<Integer> {
  enum Output {
    table,
    json
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin AppOptions app;

  @Parameters(paramLabel = "NAME")
  String name;

  @Option(
      names = {"-w", "--watch"},
      description = "Print every status update as it happens.")
  boolean watch;

  @Option(
      names = "--until",
      description = "With --watch: stop once the status is this (e.g. deployed, failed).")
  String until;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE}).")
  Output output;

  @Override
  public Integer call() {
    Optional<StatusType> stop =
        Optional.ofNullable(until)
            .map(
                u ->
                    StatusType.fromWire(u)
                        .orElseThrow(
                            () -> new IllegalArgumentException("unknown status '" + u + "'")));
    try (AppOptions.Session session = app.open()) {
      Subscription updates = subscribe(session, app.lattice, name);
      StatusResponse reply = session.client().status(name);
      if (reply.result() != StatusResult.OK || reply.status().isEmpty()) {
        System.err.println("trellis: " + reply.message());
        return 1;
      }
      AppStatus current = reply.status().get();
      System.out.print(output == Output.json ? json(current) : table(current));
      System.out.flush();
      if (!watch || stop.filter(current.type()::equals).isPresent()) {
        return 0;
      }
      watch(updates, s -> stop.filter(s.type()::equals).isPresent(), Optional.empty());
      return 0;
    }
  }

  /**
   * Follows a rollout (for {@code deploy --wait}): prints each update until {@code deployed} (0),
   * {@code failed} (1) or the limit (1).
   */
  static int follow(AppOptions.Session session, String lattice, String name, Duration limit) {
    Subscription updates = subscribe(session, lattice, name);
    Optional<AppStatus> last =
        watch(
            updates,
            s -> s.type() == StatusType.DEPLOYED || s.type() == StatusType.FAILED,
            Optional.of(limit));
    if (last.isEmpty() || last.get().type() != StatusType.DEPLOYED) {
      System.err.println(
          "trellis: "
              + name
              + (last.isEmpty()
                  ? " did not reach deployed within " + Durations.format(limit)
                  : " failed: " + last.get().message()));
      return 1;
    }
    return 0;
  }

  private static Subscription subscribe(AppOptions.Session session, String lattice, String name) {
    Subscription subscription = session.connection().subscribe(Subjects.appStatus(lattice, name));
    try {
      session.connection().flush(Duration.ofSeconds(5));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SchedulerException("NATS did not confirm the status subscription", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchedulerException("interrupted while subscribing to status updates", e);
    }
    return subscription;
  }

  /** Prints updates until {@code done} holds for one (returned) or the limit passes (empty). */
  private static Optional<AppStatus> watch(
      Subscription updates,
      java.util.function.Predicate<AppStatus> done,
      Optional<Duration> limit) {
    long deadline = limit.map(l -> System.nanoTime() + l.toNanos()).orElse(Long.MAX_VALUE);
    while (System.nanoTime() < deadline) {
      Message message;
      try {
        message = updates.nextMessage(Duration.ofMillis(500));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (message == null) {
        continue;
      }
      Optional<AppStatus> status = decode(message.getData());
      if (status.isEmpty()) {
        continue;
      }
      System.out.println(line(status.get()));
      System.out.flush();
      if (done.test(status.get())) {
        return status;
      }
    }
    return Optional.empty();
  }

  private static Optional<AppStatus> decode(byte[] data) {
    try {
      return Optional.of(ApiJson.status(JSON.readTree(data)));
    } catch (IOException | SchedulerException e) {
      return Optional.empty();
    }
  }

  static String line(AppStatus status) {
    return LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
        + "  "
        + status.type().wireName()
        + (status.message().isBlank() ? "" : "  " + status.message());
  }

  static String table(AppStatus status) {
    StringBuilder out = new StringBuilder();
    out.append("Status: ").append(status.type().wireName());
    if (!status.message().isBlank()) {
      out.append(" - ").append(status.message());
    }
    out.append(System.lineSeparator());
    if (!status.scalers().isEmpty()) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SCALER", "KIND", "NAME", "STATUS", "MESSAGE"});
      for (ScalerStatus scaler : status.scalers()) {
        rows.add(
            new String[] {
              scaler.id(), scaler.kind(), scaler.name(), scaler.type().wireName(), scaler.message()
            });
      }
      out.append(Tables.render(rows));
    }
    return out.toString();
  }

  static String json(AppStatus status) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ApiJson.status(status))
          + System.lineSeparator();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
