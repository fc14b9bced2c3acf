package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.StatusSink;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports application statuses to the {@link StatusSink} only when they change (with the deployed
 * version, since the scheduler API writes its own status when the deployed version changes), so
 * watchers see every transition and the status stream is not flooded by resyncs.
 */
final class StatusReporter {
  private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);

  private final StatusSink sink;
  private final Map<String, Reported> last = new ConcurrentHashMap<>();

  private record Reported(Optional<String> version, AppStatus status) {}

  StatusReporter(StatusSink sink) {
    this.sink = sink;
  }

  void report(String app, Optional<String> version, AppStatus status) {
    Reported next = new Reported(version, status);
    if (next.equals(last.get(app))) {
      return;
    }
    sink.update(app, status);
    last.put(app, next);
    LOG.info(
        "app_status app={} version={} status={} message=\"{}\"",
        app,
        version.orElse("-"),
        status.type().wireName(),
        status.message());
  }

  void forget(String app) {
    last.remove(app);
  }
}
