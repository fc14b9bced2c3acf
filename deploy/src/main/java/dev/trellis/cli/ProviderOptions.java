package dev.trellis.cli;

import dev.trellis.wrpc.provider.ProvidedInterface;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.ProviderRunner;
import dev.trellis.wrpc.provider.RunningProvider;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags every {@code trellis provider} command shares (NATS, wRPC prefix, id, drain and
 * heartbeat timing) and the foreground loop that serves until SIGTERM and then drains.
 */
final class ProviderOptions {
  @Mixin NatsOptions nats;

  @Option(
      names = "--prefix",
      defaultValue = "${env:TRELLIS_WRPC_PREFIX:-}",
      description =
          "wRPC subject prefix to serve under, e.g. {lattice}.{provider-id} as wasmCloud does"
              + " (default: none, or $TRELLIS_WRPC_PREFIX); also the queue group.")
  String prefix;

  @Option(names = "--id", description = "Provider id in heartbeats (default: the provider's name).")
  Optional<String> id;

  @Option(
      names = "--drain-timeout",
      defaultValue = "20s",
      description = "How long SIGTERM waits for calls in flight (default: ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--heartbeat-interval",
      defaultValue = "15s",
      description = "How often a heartbeat is published (default: ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  /** The provider configuration these flags describe, for a provider called {@code name}. */
  ProviderConfig config(String name) {
    String providerId = id.orElse(name);
    return ProviderConfig.of(nats.url, prefix, providerId)
        .withNats(nats.config("trellis-provider-" + providerId))
        .withDrainTimeout(drainTimeout)
        .withHeartbeatInterval(heartbeatInterval);
  }

  /**
   * Serves {@code interfaces} until the process is asked to stop, then drains (the provider's
   * {@link RunningProvider#close()}), runs {@code cleanup} and returns.
   */
  void serve(
      String name,
      ProviderConfig config,
      List<ProvidedInterface> interfaces,
      String backend,
      AutoCloseable cleanup) {
    RunningProvider running = ProviderRunner.create(config, interfaces).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .unstarted(
                    () -> {
                      System.err.printf(
                          "Provider %s draining: no new calls, waiting up to %d s for those in"
                              + " flight ...%n",
                          name, config.drainTimeout().toSeconds());
                      running.close();
                      closeQuietly(cleanup);
                      System.err.printf("Provider %s stopped.%n", name);
                      stopped.countDown();
                    }));
    System.err.printf(
        "Provider %s (id %s) serving %s from %s on %s%s. Ctrl-C to stop.%n",
        name,
        config.providerId(),
        interfaces.stream().map(ProvidedInterface::instance).collect(Collectors.joining(", ")),
        backend,
        nats.url,
        prefix.isEmpty() ? "" : " under prefix " + prefix);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("trellis: closing the provider's backend failed: " + e);
    }
  }
}
