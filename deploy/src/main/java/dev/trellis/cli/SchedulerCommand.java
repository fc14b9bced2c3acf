package dev.trellis.cli;

import dev.trellis.nats.NatsConnector;
import dev.trellis.scheduler.Scheduler;
import dev.trellis.scheduler.SchedulerConfig;
import io.nats.client.Connection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code trellis scheduler}: runs one scheduler replica (reconciler + wadm scheduler API) against
 * an existing lattice until stopped. Run several for high availability.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = "Run a scheduler replica: reconciles deployed apps onto the lattice's hosts.")
final class SchedulerCommand implements Runnable {
  @Mixin NatsOptions nats;
  @Mixin SchedulerOptions scheduler;
  @Mixin StorageOptions storage;
  @Mixin ObservabilityOptions observability;

  @Override
  public void run() {
    SchedulerConfig config = config();
    Foreground foreground = new Foreground();
    try {
      observability.start(foreground, "scheduler");
      Connection connection =
          NatsConnector.connect(nats.config("trellis-scheduler-" + config.schedulerId()));
      foreground.own(() -> NatsConnector.closeQuietly(connection));
      foreground.own(Scheduler.start(connection, config));
    } catch (RuntimeException e) {
      foreground.closeAll();
      throw e;
    }
    System.err.printf(
        "Scheduler %s serving lattice '%s' on %s. Ctrl-C to stop.%n",
        config.schedulerId(), config.lattice(), nats.url);
    foreground.awaitShutdown();
  }

  /** The replica's configuration from the flags (and their variables). */
  SchedulerConfig config() {
    return scheduler.toConfig().withStorageReplicas(storage.replicas());
  }
}
