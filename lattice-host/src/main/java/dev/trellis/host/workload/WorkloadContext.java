package dev.trellis.host.workload;

import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.wrpc.Telemetry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What resolving a workload needs from its host.
 *
 * @param hostId the host's id, for messages
 * @param images fetches and loads component images
 * @param plugins the host's plugins
 * @param scratchDir where {@code empty_dir} volumes are made
 * @param telemetry where invocation metrics and spans go
 */
public record WorkloadContext(
    String hostId,
    ImageLoader images,
    PluginRegistry plugins,
    Path scratchDir,
    Telemetry telemetry) {
  public WorkloadContext {
    Objects.requireNonNull(telemetry, "telemetry");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(scratchDir, "scratchDir");
  }

  /** A context recording to {@link Telemetry#global()}. */
  public WorkloadContext(
      String hostId, ImageLoader images, PluginRegistry plugins, Path scratchDir) {
    this(hostId, images, plugins, scratchDir, Telemetry.global());
  }
}
