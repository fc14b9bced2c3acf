package dev.trellis.wrpc.provider;

import dev.trellis.nats.NatsConnector;
import dev.trellis.wrpc.Telemetry;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcServer;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Java wRPC provider: connects to NATS, serves every function of the given interfaces in the
 * provider's queue group, publishes heartbeats, and on SIGTERM drains (stops taking new
 * invocations, finishes those in flight up to the drain timeout) before the process exits. A
 * provider's {@code main} is one line:
 *
 * <pre>{@code
 * ProviderRunner.create(ProviderConfig.fromEnvironment(System.getenv()), List.of(store)).run();
 * }</pre>
 */
public final class ProviderRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRunner.class);

  private final ProviderConfig config;
  private final List<ProvidedInterface> interfaces;
  private final Clock clock;
  private final Optional<Telemetry> telemetry;

  private ProviderRunner(
      ProviderConfig config,
      List<ProvidedInterface> interfaces,
      Clock clock,
      Optional<Telemetry> telemetry) {
    this.config = Objects.requireNonNull(config, "config");
    this.interfaces = List.copyOf(interfaces);
    this.clock = clock;
    this.telemetry = telemetry;
    if (this.interfaces.isEmpty()) {
      throw new IllegalArgumentException("a provider must serve at least one interface");
    }
  }

  /** A runner for {@code interfaces}. */
  public static ProviderRunner create(ProviderConfig config, List<ProvidedInterface> interfaces) {
    return new ProviderRunner(config, interfaces, Clock.systemUTC(), Optional.empty());
  }

  /** This runner with another clock for heartbeat timestamps (tests). */
  public ProviderRunner withClock(Clock value) {
    return new ProviderRunner(config, interfaces, value, telemetry);
  }

  /**
   * This runner recording its calls' metrics and server spans to {@code value} (default: {@link
   * Telemetry#global()} as it is when the provider starts).
   */
  public ProviderRunner withTelemetry(Telemetry value) {
    return new ProviderRunner(
        config, interfaces, clock, Optional.of(Objects.requireNonNull(value, "telemetry")));
  }

  /**
   * Connects and starts serving; every function's subscription is active when this returns.
   *
   * @throws dev.trellis.nats.NatsUnavailableException if NATS cannot be reached
   */
  public RunningProvider start() {
    Connection connection = NatsConnector.connect(config.nats());
    WrpcServer server =
        WrpcServer.create(connection, config.transport(), telemetry.orElseGet(Telemetry::global));
    try {
      List<String> subjects = new ArrayList<>();
      for (ProvidedInterface provided : interfaces) {
        for (ProviderFunction f : provided.functions()) {
          WrpcFunction function =
              WrpcFunction.of(provided.instance(), f.name(), f.params(), f.results());
          subjects.add(server.serve(function, f.handler()).subject());
        }
      }
      ProviderHeartbeat heartbeat =
          new ProviderHeartbeat(connection, config, subjects, server::stats, clock);
      heartbeat.start();
      LOG.info(
          "provider_started id={} prefix={} functions={}",
          config.providerId(),
          config.transport().prefix(),
          subjects.size());
      return new RunningProvider(config, connection, server, heartbeat);
    } catch (RuntimeException e) {
      server.close();
      NatsConnector.closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Starts, then blocks until the JVM is asked to stop (SIGTERM, SIGINT): the shutdown hook drains
   * the provider and the JVM exits once it is drained or the drain timeout has passed.
   */
  public void run() {
    RunningProvider running = start();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        Thread.ofPlatform()
            .name("trellis-provider-shutdown")
            .unstarted(
                () -> {
                  LOG.info("provider_shutdown_requested id={}", config.providerId());
                  running.close();
                  stopped.countDown();
                });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Runtime.getRuntime().removeShutdownHook(hook);
      running.close();
    }
  }
}
