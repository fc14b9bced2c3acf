package dev.trellis.wrpc.codec;

import java.util.ArrayList;
import java.util.List;

/** Gathers the async parts met while encoding one frame, allocating nothing when there are none. */
final class AsyncCollector {
  private List<PendingValue> pending = List.of();
  private List<AsyncPayload> payloads = List.of();

  void pending(PendingValue value) {
    if (pending.isEmpty()) {
      pending = new ArrayList<>();
    }
    pending.add(value);
  }

  void payload(AsyncPayload payload) {
    if (payloads.isEmpty()) {
      payloads = new ArrayList<>();
    }
    payloads.add(payload);
  }

  AsyncParts toParts() {
    return pending.isEmpty() && payloads.isEmpty()
        ? AsyncParts.empty()
        : new AsyncParts(pending, payloads);
  }
}
