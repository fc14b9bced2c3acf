package dev.trellis.host.workload;

import dev.trellis.proto.v2.ComponentInfo;
import dev.trellis.proto.v2.ComponentState;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workloads of one host and the Host API's answers about them. A start reserves the id first,
 * so a repeated or concurrent start of the same id answers with the current status instead of
 * starting twice; it then resolves and starts the workload all or nothing, leaving it RUNNING or
 * ERROR with a message that names the cause. A stop waits for a start in progress, drains, gives
 * everything back and forgets the id (status answers NOT_FOUND afterwards); a failed or completed
 * workload is kept for its status until stopped. Thread-safe; works without NATS.
 */
public final class WorkloadManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadManager.class);

  private final String hostId;
  private final WorkloadContext context;
  private final WorkloadEvents events;
  private final Duration drain;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** What the host holds under one id. */
  private sealed interface Slot {
    String name();
  }

  private record Starting(String name) implements Slot {}

  private record Running(String name, RunningWorkload workload) implements Slot {}

  private record Stopping(String name) implements Slot {}

  private record Failed(String name, String message) implements Slot {}

  private record Completed(String name, String message) implements Slot {}

  /** One id's slot; its lock is held by the start or stop working on it. */
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    volatile Slot slot;

    Entry(Slot slot) {
      this.slot = slot;
    }
  }

  /**
   * @param drain how long a stop waits for invocations in progress
   */
  public WorkloadManager(
      String hostId, WorkloadContext context, WorkloadEvents events, Duration drain) {
    this.hostId = hostId;
    this.context = context;
    this.events = events;
    this.drain = drain;
  }

  /** Starts a workload, or answers the current status of one already held under its id. */
  public WorkloadStatus start(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    if (id.isBlank()) {
      return status(id, WorkloadState.WORKLOAD_STATE_ERROR, "workload_id: must not be empty");
    }
    String name = request.getWorkload().getName().isBlank() ? id : request.getWorkload().getName();
    Entry entry = new Entry(new Starting(name));
    Entry held = entries.putIfAbsent(id, entry);
    if (held != null) {
      LOG.info("workload_start_repeated host_id={} workload_id={}", hostId, id);
      return status(id, held.slot);
    }
    entry.lock.lock();
    try {
      entry.slot = startLocked(id, name, request, entry);
      return status(id, entry.slot);
    } finally {
      entry.lock.unlock();
    }
  }

  private Slot startLocked(String id, String name, WorkloadStartRequest request, Entry entry) {
    long started = System.nanoTime();
    try {
      WorkloadSpec spec = WorkloadSpecs.fromRequest(request);
      ResolvedWorkload resolved = new UnresolvedWorkload(spec).resolve(context);
      RunningWorkload running = resolved.start(serviceEnd(id, entry));
      LOG.info(
          "workload_started host_id={} workload_id={} name={} components={} millis={}",
          hostId,
          id,
          name,
          running.componentNames(),
          (System.nanoTime() - started) / 1_000_000);
      events.publish(
          new WorkloadEvent.Started(id, name, spec.namespace(), running.componentNames()));
      return new Running(name, running);
    } catch (RuntimeException e) {
      String message =
          e instanceof WorkloadException ? e.getMessage() : "workload cannot start: " + e;
      if (e instanceof WorkloadException) {
        LOG.error("workload_start_failed host_id={} workload_id={} reason={}", hostId, id, message);
      } else {
        // not a failure the host anticipated: keep the stack trace for whoever fixes it
        LOG.error(
            "workload_start_failed host_id={} workload_id={} reason={}", hostId, id, message, e);
      }
      events.publish(new WorkloadEvent.Failed(id, name, message));
      return new Failed(name, message);
    }
  }

  /** Stops a workload and forgets it; NOT_FOUND for ids this host does not hold. */
  public WorkloadStatus stop(String id) {
    Entry entry = entries.get(id);
    if (entry == null) {
      return notFound(id);
    }
    entry.lock.lock();
    try {
      Slot slot = entry.slot;
      String message =
          switch (slot) {
            case Running r -> {
              entry.slot = new Stopping(r.name());
              int left = r.workload().stop(drain);
              events.publish(new WorkloadEvent.Stopped(id, r.name(), "stopped on request"));
              yield "workload '"
                  + id
                  + "' stopped on host "
                  + hostId
                  + (left > 0 ? "; " + left + " invocations outlived the drain deadline" : "");
            }
            case Failed f -> "workload '" + id + "' (failed) removed from host " + hostId;
            case Completed c -> "workload '" + id + "' (completed) removed from host " + hostId;
            case Starting s -> "workload '" + id + "' removed from host " + hostId;
            case Stopping s -> "workload '" + id + "' stopped on host " + hostId;
          };
      entries.remove(id, entry);
      LOG.info("workload_stopped host_id={} workload_id={}", hostId, id);
      return status(id, WorkloadState.WORKLOAD_STATE_STOPPING, message);
    } finally {
      entry.lock.unlock();
    }
  }

  /** The status of a workload; NOT_FOUND for ids this host does not hold. */
  public WorkloadStatus status(String id) {
    Entry entry = entries.get(id);
    return entry == null ? notFound(id) : status(id, entry.slot);
  }

  /** The status of every workload held, by id. */
  public List<WorkloadStatus> inventory() {
    List<WorkloadStatus> out = new ArrayList<>();
    entries.entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e -> out.add(status(e.getKey(), e.getValue().slot)));
    return out;
  }

  /** The running workload {@code id}, for embedders that invoke it directly. */
  public Optional<RunningWorkload> running(String id) {
    Entry entry = entries.get(id);
    return entry != null && entry.slot instanceof Running r
        ? Optional.of(r.workload())
        : Optional.empty();
  }

  /** Workloads starting, running or stopping. */
  public int workloadCount() {
    return (int)
        entries.values().stream()
            .filter(e -> e.slot instanceof Running || e.slot instanceof Starting)
            .count();
  }

  /** Components (services included) of the running workloads. */
  public int componentCount() {
    return entries.values().stream()
        .mapToInt(e -> e.slot instanceof Running r ? r.workload().componentCount() : 0)
        .sum();
  }

  /** Stops every workload (each drained), for host shutdown. */
  @Override
  public void close() {
    for (String id : List.copyOf(entries.keySet())) {
      stop(id);
    }
  }

  private ServiceRunner.Listener serviceEnd(String id, Entry entry) {
    return new ServiceRunner.Listener() {
      @Override
      public void completed(String message) {
        Thread.ofVirtual().start(() -> serviceEnded(id, entry, message, true));
      }

      @Override
      public void failed(String message) {
        Thread.ofVirtual().start(() -> serviceEnded(id, entry, message, false));
      }
    };
  }

  /** Off the service's thread: completes or fails the workload and gives everything back. */
  private void serviceEnded(String id, Entry entry, String message, boolean ok) {
    entry.lock.lock();
    try {
      if (!(entry.slot instanceof Running r)) {
        return;
      }
      if (ok && r.workload().hasComponents()) {
        LOG.info("workload_service_done host_id={} workload_id={} message={}", hostId, id, message);
        return;
      }
      r.workload().release();
      if (ok) {
        entry.slot = new Completed(r.name(), message);
        events.publish(new WorkloadEvent.Stopped(id, r.name(), message));
      } else {
        entry.slot = new Failed(r.name(), message);
        LOG.error("workload_failed host_id={} workload_id={} reason={}", hostId, id, message);
        events.publish(new WorkloadEvent.Failed(id, r.name(), message));
      }
    } finally {
      entry.lock.unlock();
    }
  }

  private WorkloadStatus status(String id, Slot slot) {
    return switch (slot) {
      case Starting s -> status(id, WorkloadState.WORKLOAD_STATE_STARTING, "workload is starting");
      case Running r ->
          WorkloadStatus.newBuilder()
              .setWorkloadId(id)
              .setWorkloadState(WorkloadState.WORKLOAD_STATE_RUNNING)
              .setMessage("workload '" + id + "' is running on host " + hostId)
              .addAllComponents(components(r.workload()))
              .build();
      case Stopping s -> status(id, WorkloadState.WORKLOAD_STATE_STOPPING, "workload is stopping");
      case Failed f -> status(id, WorkloadState.WORKLOAD_STATE_ERROR, f.message());
      case Completed c -> status(id, WorkloadState.WORKLOAD_STATE_COMPLETED, c.message());
    };
  }

  private static List<ComponentInfo> components(RunningWorkload workload) {
    return workload.componentNames().stream()
        .map(
            n ->
                ComponentInfo.newBuilder()
                    .setComponentId(workload.spec().id() + "/" + n)
                    .setName(n)
                    .setState(ComponentState.COMPONENT_STATE_RUNNING)
                    .build())
        .toList();
  }

  private WorkloadStatus notFound(String id) {
    return status(
        id, WorkloadState.WORKLOAD_STATE_NOT_FOUND, "no workload '" + id + "' on host " + hostId);
  }

  private static WorkloadStatus status(String id, WorkloadState state, String message) {
    return WorkloadStatus.newBuilder()
        .setWorkloadId(id)
        .setWorkloadState(state)
        .setMessage(message)
        .build();
  }
}
