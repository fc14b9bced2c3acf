package dev.trellis.nats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds the {@code nats-server} executable, and installs Debian's package when it is missing and
 * this process may do so (root on Debian or Ubuntu). Anywhere else the error says exactly how to
 * install it, so {@code trellis up} never fails with a bare "not found".
 */
public final class NatsServerBinary {
  /** Environment variable that points at a specific {@code nats-server} executable. */
  public static final String ENV = "TRELLIS_NATS_SERVER";

  private static final String NAME = "nats-server";

  private NatsServerBinary() {}

  /** The executable from {@value #ENV}, then {@code PATH}, then the usual system directories. */
  public static Optional<Path> locate() {
    return locate(System.getenv());
  }

  /** As {@link #locate()}, reading {@value #ENV} and {@code PATH} from {@code env}. */
  static Optional<Path> locate(java.util.Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    List<String> dirs = new ArrayList<>();
    String pathEnv = env.get("PATH");
    if (pathEnv != null) {
      dirs.addAll(List.of(pathEnv.split(java.io.File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin"));
    for (String dir : dirs) {
      if (dir.isBlank()) {
        continue;
      }
      Path candidate = Path.of(dir, NAME);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable, installing Debian's {@code nats-server} package first when it is missing and
   * this is root on a Debian-like system. Each line of the installer's output goes to {@code
   * progress}.
   */
  public static Path locateOrInstall(Consumer<String> progress) {
    return locateOrInstall(System.getenv(), progress);
  }

  static Path locateOrInstall(java.util.Map<String, String> env, Consumer<String> progress) {
    Optional<Path> found = locate(env);
    if (found.isPresent()) {
      return found.get();
    }
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      throw new NatsServerException(
          ENV + "=" + explicit + " does not name an executable nats-server");
    }
    if (!canInstallWithApt()) {
      throw new NatsServerException(installAdvice());
    }
    progress.accept("nats-server not found; installing Debian package nats-server");
    if (run(List.of("apt-get", "install", "-y", "-q", NAME), progress) != 0) {
      run(List.of("apt-get", "update", "-q"), progress);
      if (run(List.of("apt-get", "install", "-y", "-q", NAME), progress) != 0) {
        throw new NatsServerException("apt-get install nats-server failed. " + installAdvice());
      }
    }
    return locate(env).orElseThrow(() -> new NatsServerException(installAdvice()));
  }

  private static boolean canInstallWithApt() {
    return "root".equals(System.getProperty("user.name"))
        && Files.exists(Path.of("/etc/debian_version"))
        && Files.isExecutable(Path.of("/usr/bin/apt-get"));
  }

  private static String installAdvice() {
    return "nats-server was not found on PATH. Install it with `sudo apt-get install nats-server`"
        + " (Debian/Ubuntu), `brew install nats-server` (macOS), or a release binary from"
        + " https://github.com/nats-io/nats-server/releases; or set "
        + ENV
        + "=/path/to/nats-server.";
  }

  private static int run(List<String> command, Consumer<String> progress) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
    try {
      Process process = builder.start();
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          progress.accept(line);
        }
      }
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new NatsServerException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsServerException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
