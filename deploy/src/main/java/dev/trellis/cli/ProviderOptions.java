package dev.trellis.cli;

import dev.trellis.proto.Subjects;
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
 * The flags every {@code trellis provider} command shares (NATS, wRPC prefix or host group and
 * name, id, drain and heartbeat timing) and the foreground loop that serves until SIGTERM and then
 * drains.
 */
final class ProviderOptions {
  @Mixin NatsOptions nats;

  @Option(
      names = "--prefix",
      defaultValue = "${env:TRELLIS_WRPC_PREFIX}",
      description =
          "wRPC subject prefix to serve under, overriding {hostgroup}.{name}; also the queue"
              + " group. Env: TRELLIS_WRPC_PREFIX.")
  String prefix;

  @Option(
      names = "--hostgroup",
      defaultValue = "${env:TRELLIS_HOSTGROUP:-" + Subjects.DEFAULT_HOSTGROUP + "}",
      description =
          "Host group of the hosts calling this provider (their 'hostgroup' label;"
              + " default: ${DEFAULT-VALUE}). Env: TRELLIS_HOSTGROUP.")
  String hostgroup;

  @Option(
      names = "--name",
      defaultValue = "${env:TRELLIS_WRPC_NAME}",
      description =
          "The wrpc:name workloads reach this provider by: for a manifest's capability, its"
              + " component id ({app}-{component}); default: the provider's name."
              + " Env: TRELLIS_WRPC_NAME.")
  String name;

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

  /**
   * The provider configuration these flags describe, for a provider called {@code provider}: it
   * serves under {@code --prefix} when given, else under {@code {hostgroup}.{name}} (the rule hosts
   * call by, see docs/wrpc.md).
   */
  ProviderConfig config(String provider) {
    String providerId = id.orElse(provider);
    return ProviderConfig.of(nats.url, prefix(provider), providerId)
        .withNats(nats.config("trellis-provider-" + providerId))
        .withDrainTimeout(drainTimeout)
        .withHeartbeatInterval(heartbeatInterval);
  }

  /** The prefix this provider serves under. */
  String prefix(String provider) {
    if (prefix != null) {
      return prefix;
    }
    return Subjects.wrpcPrefix(hostgroup, name == null || name.isBlank() ? provider : name);
  }

  /**
   * Serves {@code interfaces} until the process is asked to stop, then drains (the provider's
   * {@link RunningProvider#close()}), runs {@code cleanup} and returns.
   */
  void serve(
      String provider,
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
                          provider, config.drainTimeout().toSeconds());
                      running.close();
                      closeQuietly(cleanup);
                      System.err.printf("Provider %s stopped.%n", provider);
                      stopped.countDown();
                    }));
    String served = config.transport().prefix();
    System.err.printf(
        "Provider %s (id %s) serving %s from %s on %s%s. Ctrl-C to stop.%n",
        provider,
        config.providerId(),
        interfaces.stream().map(ProvidedInterface::instance).collect(Collectors.joining(", ")),
        backend,
        nats.url,
        served.isEmpty() ? "" : " under prefix " + served);
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
