package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.ComponentInstance;
import dev.trellis.host.wasi.Wasi;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a workload's service — its {@code wasi:cli/run} export — on a virtual thread. A run that
 * fails (non-zero exit or trap) is restarted on a fresh instance after a growing pause, up to
 * {@code max_restarts} times; then the workload fails. A run that exits 0 completes the service.
 * Stopping interrupts the guest.
 */
final class ServiceRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  /** Told how the service ended (not called when it was stopped). */
  interface Listener {
    /** The service exited with code 0. */
    void completed(String message);

    /** The service failed and may not be restarted again. */
    void failed(String message);
  }

  private final String workloadId;
  private final String name;
  private final InstanceFactory factory;
  private final long maxRestarts;
  private volatile boolean stopping;
  private volatile Optional<Thread> thread = Optional.empty();

  ServiceRunner(String workloadId, String name, InstanceFactory factory, long maxRestarts) {
    this.workloadId = workloadId;
    this.name = name;
    this.factory = factory;
    this.maxRestarts = maxRestarts;
  }

  String name() {
    return name;
  }

  /**
   * Starts running {@code first}, then restarts as needed, reporting the end to {@code listener}.
   */
  void start(ComponentInstance first, Listener listener) {
    thread =
        Optional.of(
            Thread.ofVirtual()
                .name("service-" + workloadId + "-" + name)
                .start(() -> loop(first, listener)));
  }

  private void loop(ComponentInstance first, Listener listener) {
    ComponentInstance instance = first;
    for (long restarts = 0; ; restarts++) {
      Optional<String> failure = runOnce(instance);
      if (stopping) {
        return;
      }
      if (failure.isEmpty()) {
        LOG.info("service_completed workload_id={} service={}", workloadId, name);
        listener.completed("service '" + name + "' exited with code 0");
        return;
      }
      if (restarts >= maxRestarts) {
        listener.failed(
            "service '" + name + "' failed after " + restarts + " restarts: " + failure.get());
        return;
      }
      LOG.warn(
          "service_restarting workload_id={} service={} restart={} error={}",
          workloadId,
          name,
          restarts + 1,
          failure.get());
      if (!pause(restarts) || stopping) {
        return;
      }
      try {
        instance = factory.instantiate();
      } catch (HostException e) {
        listener.failed("service '" + name + "' cannot be restarted: " + e.getMessage());
        return;
      }
    }
  }

  /** One run; empty on exit code 0, else why it failed. */
  private Optional<String> runOnce(ComponentInstance instance) {
    try {
      int code = Wasi.runCommand(instance);
      return code == 0 ? Optional.empty() : Optional.of("exited with code " + code);
    } catch (HostException e) {
      return Optional.of(e.getMessage());
    }
  }

  private boolean pause(long restarts) {
    long millis = FIRST_BACKOFF.toMillis() << Math.min(restarts, 10);
    try {
      Thread.sleep(Math.min(millis, MAX_BACKOFF.toMillis()));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Interrupts the service and waits up to {@code deadline} for it to end. */
  void stop(Duration deadline) {
    stopping = true;
    if (thread.isEmpty()) {
      return;
    }
    Thread t = thread.get();
    t.interrupt();
    try {
      if (!t.join(deadline)) {
        LOG.warn("service_stop_timeout workload_id={} service={}", workloadId, name);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
