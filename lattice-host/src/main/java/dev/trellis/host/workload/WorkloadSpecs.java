package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.image.Credentials;
import dev.trellis.host.image.ImagePullPolicy;
import dev.trellis.host.image.ImageRef;
import dev.trellis.host.plugin.ComponentInfo;
import dev.trellis.host.plugin.WitInterfaceSpec;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.ImagePullSecret;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.Service;
import dev.trellis.proto.v2.Volume;
import dev.trellis.proto.v2.VolumeMount;
import dev.trellis.proto.v2.Workload;
import dev.trellis.proto.v2.WorkloadStartRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts a Host API {@code WorkloadStartRequest} into a {@link WorkloadSpec} at the boundary,
 * rejecting what cannot run with a message naming the field by its proto path, e.g. {@code
 * workload.wit_world.components[1].image: must not be empty}.
 */
public final class WorkloadSpecs {
  private WorkloadSpecs() {}

  /**
   * The spec of {@code request}.
   *
   * @throws WorkloadException naming the first invalid field
   */
  public static WorkloadSpec fromRequest(WorkloadStartRequest request) {
    String id = request.getWorkloadId();
    if (id.isBlank()) {
      throw new WorkloadException("workload_id: must not be empty");
    }
    Workload w = request.getWorkload();
    Map<String, WorkloadSpec.Volume> volumes = volumes(w.getVolumesList());
    List<WorkloadSpec.Component> components = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Component> wire = w.getWitWorld().getComponentsList();
    for (int i = 0; i < wire.size(); i++) {
      components.add(component(wire.get(i), i, volumes, names));
    }
    Optional<WorkloadSpec.Component> service =
        w.hasService() ? Optional.of(service(w.getService(), volumes, names)) : Optional.empty();
    if (components.isEmpty() && service.isEmpty()) {
      throw new WorkloadException(
          "workload.wit_world.components: a workload needs at least one component or a service");
    }
    return new WorkloadSpec(
        id,
        w.getName().isBlank() ? id : w.getName(),
        w.getNamespace(),
        w.getAnnotationsMap(),
        components,
        service,
        hostInterfaces(w),
        volumes);
  }

  private static WorkloadSpec.Component component(
      Component c, int index, Map<String, WorkloadSpec.Volume> volumes, Set<String> names) {
    String path = "workload.wit_world.components[" + index + "]";
    String image = image(c.getImage(), path);
    nonNegative(c.getPoolSize(), path + ".pool_size");
    nonNegative(c.getMaxInvocations(), path + ".max_invocations");
    nonNegative(c.getMaxConcurrency(), path + ".max_concurrency");
    if (!c.getName().isBlank() && names.contains(c.getName())) {
      throw new WorkloadException(path + ".name: '" + c.getName() + "' names two components");
    }
    return new WorkloadSpec.Component(
        uniqueName(c.getName().isBlank() ? nameOf(image) : c.getName(), names),
        ComponentInfo.Kind.COMPONENT,
        image,
        resources(c.getLocalResources(), path + ".local_resources", volumes),
        c.getPoolSize(),
        c.getMaxInvocations(),
        c.getMaxConcurrency(),
        0,
        policy(c.getImagePullPolicy()),
        secret(c.hasImagePullSecret(), c.getImagePullSecret()));
  }

  private static WorkloadSpec.Component service(
      Service s, Map<String, WorkloadSpec.Volume> volumes, Set<String> names) {
    String path = "workload.service";
    String image = image(s.getImage(), path);
    return new WorkloadSpec.Component(
        uniqueName("service", names),
        ComponentInfo.Kind.SERVICE,
        image,
        resources(s.getLocalResources(), path + ".local_resources", volumes),
        0,
        0,
        0,
        s.getMaxRestarts(),
        policy(s.getImagePullPolicy()),
        secret(s.hasImagePullSecret(), s.getImagePullSecret()));
  }

  private static String image(String image, String path) {
    if (image.isBlank()) {
      throw new WorkloadException(path + ".image: must not be empty");
    }
    try {
      return ImageRef.parse(image).toString();
    } catch (HostException e) {
      throw new WorkloadException(path + ".image: " + e.getMessage(), e);
    }
  }

  private static WorkloadSpec.Resources resources(
      LocalResources r, String path, Map<String, WorkloadSpec.Volume> volumes) {
    nonNegative(r.getMemoryLimitMb(), path + ".memory_limit_mb");
    List<WorkloadSpec.Mount> mounts = new ArrayList<>();
    List<VolumeMount> wire = r.getVolumeMountsList();
    for (int i = 0; i < wire.size(); i++) {
      VolumeMount m = wire.get(i);
      String at = path + ".volume_mounts[" + i + "]";
      if (!volumes.containsKey(m.getName())) {
        throw new WorkloadException(
            at + ".name: no volume '" + m.getName() + "' in workload.volumes");
      }
      if (!m.getMountPath().startsWith("/")) {
        throw new WorkloadException(
            at + ".mount_path: must be an absolute guest path, got '" + m.getMountPath() + "'");
      }
      mounts.add(new WorkloadSpec.Mount(m.getName(), m.getMountPath(), m.getReadOnly()));
    }
    return new WorkloadSpec.Resources(
        r.getMemoryLimitMb(),
        r.getConfigMap(),
        r.getEnvironmentMap(),
        mounts,
        r.getAllowedHostsList());
  }

  private static Map<String, WorkloadSpec.Volume> volumes(List<Volume> wire) {
    Map<String, WorkloadSpec.Volume> out = new LinkedHashMap<>();
    for (int i = 0; i < wire.size(); i++) {
      Volume v = wire.get(i);
      String path = "workload.volumes[" + i + "]";
      if (v.getName().isBlank() || out.containsKey(v.getName())) {
        throw new WorkloadException(path + ".name: must be non-empty and unique");
      }
      WorkloadSpec.Volume volume =
          switch (v.getVolumeTypeCase()) {
            case HOST_PATH -> hostPath(v.getHostPath().getLocalPath(), path);
            case EMPTY_DIR -> new WorkloadSpec.Volume.EmptyDir();
            case VOLUMETYPE_NOT_SET ->
                throw new WorkloadException(path + ": needs host_path or empty_dir");
          };
      out.put(v.getName(), volume);
    }
    return out;
  }

  private static WorkloadSpec.Volume hostPath(String local, String path) {
    Path p = Path.of(local);
    if (local.isBlank() || !p.isAbsolute()) {
      throw new WorkloadException(
          path + ".host_path.local_path: must be an absolute host path, got '" + local + "'");
    }
    return new WorkloadSpec.Volume.HostPath(p.normalize());
  }

  private static List<WitInterfaceSpec> hostInterfaces(Workload w) {
    List<WitInterfaceSpec> out = new ArrayList<>();
    var wire = w.getWitWorld().getHostInterfacesList();
    for (int i = 0; i < wire.size(); i++) {
      try {
        out.add(WitInterfaceSpec.fromProto(wire.get(i)));
      } catch (HostException e) {
        throw new WorkloadException(
            "workload.wit_world.host_interfaces[" + i + "]: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static ImagePullPolicy policy(dev.trellis.proto.v2.ImagePullPolicy wire) {
    return switch (wire) {
      case IMAGE_PULL_POLICY_ALWAYS -> ImagePullPolicy.ALWAYS;
      case IMAGE_PULL_POLICY_IF_NOT_PRESENT -> ImagePullPolicy.IF_NOT_PRESENT;
      case IMAGE_PULL_POLICY_NEVER -> ImagePullPolicy.NEVER;
      case IMAGE_PULL_POLICY_UNSPECIFIED, UNRECOGNIZED -> ImagePullPolicy.UNSPECIFIED;
    };
  }

  private static Optional<Credentials> secret(boolean present, ImagePullSecret secret) {
    if (!present || secret.getUsername().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(secret.getUsername(), secret.getPassword()));
  }

  private static void nonNegative(int value, String path) {
    if (value < 0) {
      throw new WorkloadException(path + ": must be >= 0, got " + value);
    }
  }

  /** A name from an image: {@code file:///x/calc.wasm} → calc, {@code ghcr.io/a/api:1} → api. */
  static String nameOf(String image) {
    ImageRef ref = ImageRef.parse(image);
    String last =
        switch (ref) {
          case ImageRef.LocalFile f -> f.path().getFileName().toString();
          case ImageRef.Oci o -> o.repository().substring(o.repository().lastIndexOf('/') + 1);
        };
    return last.endsWith(".wasm") ? last.substring(0, last.length() - 5) : last;
  }

  private static String uniqueName(String base, Set<String> taken) {
    String name = base;
    for (int n = 2; !taken.add(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }
}
