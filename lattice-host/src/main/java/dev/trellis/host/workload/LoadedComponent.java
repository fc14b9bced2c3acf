package dev.trellis.host.workload;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.image.FetchedImage;
import java.util.Objects;

/**
 * A component of a workload with its image fetched and its binary loaded.
 *
 * @param spec what the workload asked for
 * @param image the fetched bytes and digest
 * @param definition the loaded component (shared by every workload using the same digest)
 */
record LoadedComponent(
    WorkloadSpec.Component spec, FetchedImage image, ComponentDefinition definition) {
  LoadedComponent {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(definition, "definition");
  }

  String name() {
    return spec.name();
  }
}
