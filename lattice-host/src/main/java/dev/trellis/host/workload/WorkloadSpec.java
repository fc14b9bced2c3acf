package dev.trellis.host.workload;

import dev.trellis.host.image.Credentials;
import dev.trellis.host.image.ImagePullPolicy;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.host.plugin.WorkloadInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload as the host runs it: the domain form of a {@code WorkloadStartRequest}, validated once
 * by {@link WorkloadSpecs#fromRequest}. Component names are unique within the workload.
 *
 * @param id the id the Host API addresses it by
 * @param name its name (the id when the request has none)
 * @param namespace its namespace, possibly empty
 * @param annotations its annotations
 * @param components the invoked components, in request order
 * @param service the long-running {@code wasi:cli/run} service, if any
 * @param hostInterfaces what the workload asks of the host, with configuration
 * @param volumes the volumes components may mount, by name
 */
public record WorkloadSpec(
    String id,
    String name,
    String namespace,
    Map<String, String> annotations,
    List<Component> components,
    Optional<Component> service,
    List<WitInterfaceSpec> hostInterfaces,
    Map<String, Volume> volumes) {

  public WorkloadSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    annotations = Map.copyOf(annotations);
    components = List.copyOf(components);
    Objects.requireNonNull(service, "service");
    hostInterfaces = List.copyOf(hostInterfaces);
    volumes = Map.copyOf(volumes);
  }

  /** The components, then the service. */
  public List<Component> all() {
    List<Component> all = new ArrayList<>(components);
    service.ifPresent(all::add);
    return List.copyOf(all);
  }

  /** The workload as plugins see it. */
  public WorkloadInfo info() {
    return new WorkloadInfo(id, name, namespace, annotations);
  }

  /**
   * One component (or the service).
   *
   * @param name unique within the workload
   * @param kind component or service
   * @param image the image reference
   * @param resources what the workload grants it
   * @param poolSize warm instances kept (0: a fresh instance per invocation)
   * @param maxInvocations invocations after which a pooled instance is retired (0: unlimited)
   * @param maxConcurrency concurrent invocations allowed (0: unlimited)
   * @param maxRestarts how often a failed service is restarted (services only)
   * @param pullPolicy when the image may be pulled
   * @param pullSecret the registry login, if any
   */
  public record Component(
      String name,
      ComponentInfo.Kind kind,
      String image,
      Resources resources,
      int poolSize,
      int maxInvocations,
      int maxConcurrency,
      long maxRestarts,
      ImagePullPolicy pullPolicy,
      Optional<Credentials> pullSecret) {
    public Component {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(resources, "resources");
      Objects.requireNonNull(pullPolicy, "pullPolicy");
      Objects.requireNonNull(pullSecret, "pullSecret");
    }
  }

  /**
   * A component's local resources.
   *
   * @param memoryLimitMb memory per instance in MiB (0: the WebAssembly maximum)
   * @param config what {@code wasi:config} shows it
   * @param environment its WASI environment
   * @param mounts the volumes it mounts
   * @param allowedHosts where its outgoing HTTP may go
   */
  public record Resources(
      int memoryLimitMb,
      Map<String, String> config,
      Map<String, String> environment,
      List<Mount> mounts,
      List<String> allowedHosts) {
    /** Nothing granted. */
    public static final Resources NONE = new Resources(0, Map.of(), Map.of(), List.of(), List.of());

    public Resources {
      config = Map.copyOf(config);
      environment = Map.copyOf(environment);
      mounts = List.copyOf(mounts);
      allowedHosts = List.copyOf(allowedHosts);
    }
  }

  /**
   * A volume mounted into a component.
   *
   * @param volume the name of a volume of the workload
   * @param path where the guest sees it (absolute)
   * @param readOnly whether the guest may only read
   */
  public record Mount(String volume, String path, boolean readOnly) {
    public Mount {
      Objects.requireNonNull(volume, "volume");
      Objects.requireNonNull(path, "path");
    }
  }

  /** A volume: a directory of the host, or an empty directory made for the workload. */
  public sealed interface Volume {
    /** An existing host directory. */
    record HostPath(Path path) implements Volume {
      public HostPath {
        Objects.requireNonNull(path, "path");
      }
    }

    /** A fresh empty directory, deleted when the workload stops. */
    record EmptyDir() implements Volume {}
  }
}
