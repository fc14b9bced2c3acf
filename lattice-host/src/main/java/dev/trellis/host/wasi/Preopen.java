package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory granted to a guest as a {@code wasi:filesystem/preopens} entry: everything the
 * guest reaches through it stays inside {@code hostPath}, and with {@code readOnly} it can read but
 * not create, change or delete anything.
 *
 * @param hostPath the directory on the host, resolved to its real path (no symbolic links)
 * @param guestPath the name the guest sees, e.g. {@code /data} or {@code .}
 * @param readOnly whether the guest is refused every write
 */
public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
  public Preopen {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(guestPath, "guestPath");
    if (guestPath.isEmpty()) {
      throw new HostException("preopen of " + hostPath + " needs a non-empty guest path");
    }
    if (!hostPath.isAbsolute() || !hostPath.equals(hostPath.normalize())) {
      throw new HostException("preopen host path " + hostPath + " must be absolute and normal");
    }
  }

  /**
   * A preopen of the existing directory {@code hostPath}, taken as its real path.
   *
   * @throws HostException if it is not an existing directory
   */
  public static Preopen of(Path hostPath, String guestPath, boolean readOnly) {
    Objects.requireNonNull(hostPath, "hostPath");
    if (!Files.isDirectory(hostPath)) {
      throw new HostException("preopen " + hostPath + " is not an existing directory");
    }
    try {
      return new Preopen(hostPath.toRealPath(), guestPath, readOnly);
    } catch (IOException e) {
      throw new HostException("preopen " + hostPath + " cannot be resolved: " + e.getMessage(), e);
    }
  }
}
