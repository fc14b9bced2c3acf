package dev.trellis.host.workload;

import dev.trellis.host.HostException;
import dev.trellis.host.wasi.Preopen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a workload's volumes and each component's mounts into WASI preopens: a {@code host_path}
 * volume is the existing host directory (confined to it), an {@code empty_dir} volume a fresh
 * directory under the host's scratch directory, made at resolution and deleted at teardown.
 */
final class Volumes {
  private final Map<String, Path> directories;

  private Volumes(Map<String, Path> directories) {
    this.directories = Map.copyOf(directories);
  }

  /**
   * Makes the volumes of {@code spec} available; registers the removal of empty dirs with {@code
   * teardown}.
   *
   * @throws WorkloadException if a host path is not an existing directory
   */
  static Volumes prepare(WorkloadSpec spec, Path scratch, Teardown teardown) {
    Map<String, Path> dirs = new HashMap<>();
    for (Map.Entry<String, WorkloadSpec.Volume> e : spec.volumes().entrySet()) {
      Path dir =
          switch (e.getValue()) {
            case WorkloadSpec.Volume.HostPath h -> existing(e.getKey(), h.path());
            case WorkloadSpec.Volume.EmptyDir d -> emptyDir(spec.id(), e.getKey(), scratch);
          };
      if (e.getValue() instanceof WorkloadSpec.Volume.EmptyDir) {
        teardown.add("delete empty_dir " + e.getKey(), () -> deleteTree(dir));
      }
      dirs.put(e.getKey(), dir);
    }
    return new Volumes(dirs);
  }

  /** The preopens of {@code component}'s mounts. */
  List<Preopen> preopens(WorkloadSpec.Component component) {
    List<Preopen> out = new ArrayList<>();
    for (WorkloadSpec.Mount m : component.resources().mounts()) {
      try {
        out.add(Preopen.of(directories.get(m.volume()), m.path(), m.readOnly()));
      } catch (HostException e) {
        throw new WorkloadException(
            "volume '"
                + m.volume()
                + "' of component '"
                + component.name()
                + "': "
                + e.getMessage(),
            e);
      }
    }
    return out;
  }

  private static Path existing(String name, Path path) {
    if (!Files.isDirectory(path)) {
      throw new WorkloadException(
          "volume '" + name + "': host path " + path + " is not an existing directory");
    }
    return path;
  }

  private static Path emptyDir(String workloadId, String name, Path scratch) {
    try {
      Files.createDirectories(scratch);
      return Files.createTempDirectory(scratch, "emptydir-" + safe(workloadId) + "-" + safe(name));
    } catch (IOException e) {
      throw new WorkloadException(
          "volume '" + name + "': cannot make an empty_dir under " + scratch + ": " + e, e);
    }
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
