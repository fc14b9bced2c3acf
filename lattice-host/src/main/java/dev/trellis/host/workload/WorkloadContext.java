package dev.trellis.host.workload;

import dev.trellis.host.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What resolving a workload needs from its host.
 *
 * @param hostId the host's id, for messages
 * @param images fetches and loads component images
 * @param plugins the host's plugins
 * @param scratchDir where {@code empty_dir} volumes are made
 */
public record WorkloadContext(
    String hostId, ImageLoader images, PluginRegistry plugins, Path scratchDir) {
  public WorkloadContext {
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(images, "images");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(scratchDir, "scratchDir");
  }
}
