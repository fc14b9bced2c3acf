package dev.trellis.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a server command in the foreground until Ctrl-C (or SIGTERM), then closes what it started
 * in reverse order, so a host leaves the lattice before its NATS server stops.
 */
final class Foreground {
  private static final Logger LOG = LoggerFactory.getLogger(Foreground.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  Foreground() {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::closeAll));
  }

  /** Registers something to close at shutdown; the last registered closes first. */
  <T extends AutoCloseable> T own(T resource) {
    synchronized (resources) {
      resources.push(resource);
    }
    return resource;
  }

  /** Blocks until the process is asked to stop and everything is closed. */
  void awaitShutdown() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes everything now (used when start-up fails half-way). */
  void closeAll() {
    while (true) {
      AutoCloseable next;
      synchronized (resources) {
        next = resources.poll();
      }
      if (next == null) {
        break;
      }
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("shutdown_close_failed resource={} error={}", next, e.toString());
      }
    }
    stopped.countDown();
  }
}
