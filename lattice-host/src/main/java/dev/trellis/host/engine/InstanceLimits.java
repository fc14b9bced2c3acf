package dev.trellis.host.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Resource limits applied to every component instance a {@code Linker} creates: a cap on each
 * linear memory (in 64 KiB pages) and a wall-clock deadline per call from the host. A call that
 * runs past its deadline is interrupted and fails with {@link
 * ComponentTrapException.Kind#DEADLINE}; a guest that grows a memory past the cap sees {@code
 * memory.grow} fail (-1), and one whose memory starts larger than the cap fails to instantiate.
 *
 * @param maxMemoryPages the most pages any one memory of the instance may have
 * @param callDeadline how long one call from the host may run, if limited
 */
public record InstanceLimits(int maxMemoryPages, Optional<Duration> callDeadline) {

  /** The WebAssembly maximum of 65536 pages (4 GiB) per memory; no deadline. */
  public static final InstanceLimits NONE = new InstanceLimits(65_536, Optional.empty());

  public InstanceLimits {
    if (maxMemoryPages < 0 || maxMemoryPages > 65_536) {
      throw new IllegalArgumentException("maxMemoryPages must be 0..65536, got " + maxMemoryPages);
    }
    Objects.requireNonNull(callDeadline, "callDeadline");
    callDeadline.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("callDeadline must be positive, got " + d);
          }
        });
  }

  /** These limits with each memory capped at {@code bytes} (rounded down to whole pages). */
  public InstanceLimits withMaxMemoryBytes(long bytes) {
    return new InstanceLimits((int) Math.min(65_536, bytes / 65_536), callDeadline);
  }

  /** These limits with calls from the host interrupted after {@code deadline}. */
  public InstanceLimits withCallDeadline(Duration deadline) {
    return new InstanceLimits(maxMemoryPages, Optional.of(deadline));
  }
}
