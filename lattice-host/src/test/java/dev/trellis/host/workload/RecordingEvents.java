package dev.trellis.host.workload;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every workload event, for assertions. */
final class RecordingEvents implements WorkloadEvents {
  final List<WorkloadEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(WorkloadEvent event) {
    events.add(event);
  }

  List<String> names() {
    return events.stream().map(e -> e.eventName() + ":" + e.workloadId()).toList();
  }
}
