package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.Telemetry;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves wRPC functions over NATS, wire-compatible with bytecodealliance/wrpc's NATS transport.
 * Each function is subscribed on its invocation subject (in the configured queue group, so replicas
 * share the load); each invocation runs on its own virtual thread, so a slow handler delays no
 * other. {@link #drain} stops taking invocations and waits for those in flight. The connection
 * stays the caller's. Each invocation is timed in {@code trellis.wrpc.server.calls} and, when
 * tracing, is a server span continuing the caller's {@code traceparent}; the handler runs inside
 * it.
 */
public final class WrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WrpcServer.class);

  private final NatsIo io;
  private final Demux demux;
  private final WrpcTransportConfig config;
  private final Dispatcher invocations;
  private final InFlight inFlight = new InFlight();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final WrpcMetrics metrics;

  private WrpcServer(NatsIo io, WrpcTransportConfig config, Telemetry telemetry) {
    this.io = io;
    this.config = config;
    this.metrics = new WrpcMetrics(telemetry);
    this.demux = new Demux(io);
    this.invocations = io.connection().createDispatcher();
  }

  /** A server on {@code connection} recording to {@link Telemetry#global()}. */
  public static WrpcServer create(Connection connection, WrpcTransportConfig config) {
    return create(connection, config, Telemetry.global());
  }

  /** A server on {@code connection} recording to {@code telemetry}. */
  public static WrpcServer create(
      Connection connection, WrpcTransportConfig config, Telemetry telemetry) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(telemetry, "telemetry");
    return new WrpcServer(new NatsIo(connection), config, telemetry);
  }

  /** The configuration this server was made with. */
  public WrpcTransportConfig config() {
    return config;
  }

  /**
   * Starts serving {@code function} with {@code handler}; the subscription is active on the NATS
   * server when this returns.
   *
   * @throws IllegalStateException if the server is draining
   */
  public ServedFunction serve(WrpcFunction function, WrpcHandler handler) {
    if (draining.get()) {
      throw new IllegalStateException("server is draining; cannot serve " + function);
    }
    String subject = function.subject(config.prefix());
    ServerCall call = new ServerCall(io, demux, config, function, subject, handler, metrics);
    Subscription subscription =
        config
            .queueGroup()
            .map(group -> invocations.subscribe(subject, group, m -> accept(call, m)))
            .orElseGet(() -> invocations.subscribe(subject, m -> accept(call, m)));
    io.flush(subject, Duration.ofSeconds(5));
    LOG.info(
        "wrpc_serving subject={} queue_group={}", subject, config.queueGroup().orElse("(none)"));
    return new ServedFunction(function, subject, invocations, subscription);
  }

  private void accept(ServerCall call, Message message) {
    inFlight.enter();
    Thread.ofVirtual()
        .name("wrpc-serve")
        .start(
            () -> {
              try {
                (call.run(message) ? served : failed).incrementAndGet();
              } finally {
                inFlight.exit();
              }
            });
  }

  /** What the server has done so far. */
  public ServerStats stats() {
    return new ServerStats(inFlight.count(), served.get(), failed.get(), draining.get());
  }

  /**
   * Stops taking invocations (unsubscribing every function; those already received still run) and
   * waits up to {@code timeout} for the ones in flight, including their streams, to finish.
   *
   * @return whether everything in flight finished in time
   */
  public boolean drain(Duration timeout) {
    long start = System.nanoTime();
    if (draining.compareAndSet(false, true)) {
      io.drain(invocations, timeout);
    }
    Duration left = timeout.minusNanos(System.nanoTime() - start);
    boolean idle = inFlight.awaitIdle(left.isNegative() ? Duration.ZERO : left);
    LOG.info("wrpc_server_drained finished={} in_flight={}", idle, inFlight.count());
    return idle;
  }

  /** Stops at once: no new invocations, and those in flight can no longer receive params. */
  @Override
  public void close() {
    draining.set(true);
    io.closeDispatcher(invocations);
    demux.close();
  }
}
