package dev.trellis.host.plugin;

import dev.trellis.host.wasi.Preopen;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One component of a workload as plugins see it when binding: its name and image and the local
 * resources the workload grants it, already resolved (volume mounts are host directories).
 *
 * @param name the component's name, unique within its workload
 * @param kind whether it is an invoked component or the workload's long-running service
 * @param image the image reference it was loaded from
 * @param environment its environment variables ({@code LocalResources.environment})
 * @param config its configuration ({@code LocalResources.config})
 * @param preopens the directories its volume mounts grant
 * @param allowedHosts the hosts it may reach with outgoing HTTP ({@code
 *     LocalResources.allowed_hosts}), for the HTTP plugin to enforce
 * @param memoryLimitMb the memory limit per instance in MiB, 0 for none
 */
public record ComponentInfo(
    String name,
    Kind kind,
    String image,
    Map<String, String> environment,
    Map<String, String> config,
    List<Preopen> preopens,
    List<String> allowedHosts,
    int memoryLimitMb) {

  /** Invoked component or long-running service. */
  public enum Kind {
    /** A component invoked through its exports. */
    COMPONENT,
    /** The workload's {@code wasi:cli/run} service. */
    SERVICE
  }

  public ComponentInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(image, "image");
    environment = Map.copyOf(environment);
    config = Map.copyOf(config);
    preopens = List.copyOf(preopens);
    allowedHosts = List.copyOf(allowedHosts);
  }
}
