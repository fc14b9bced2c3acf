package dev.trellis.cli;

import dev.trellis.scheduler.api.ApiResponse.DeployResult;
import dev.trellis.scheduler.api.ApiResponse.PutResult;
import dev.trellis.scheduler.api.AppStatus;
import dev.trellis.scheduler.api.SchedulerClient;
import dev.trellis.scheduler.api.StatusType;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * The sample app of {@code trellis up --demo}: deploys {@code examples/manifests/hello.yaml}
 * through the scheduler API, exactly as {@code trellis app deploy} would, and waits until it is
 * deployed so the URL it prints answers.
 */
final class Demo {
  private static final String MANIFEST = "manifests/hello.yaml";

  private Demo() {}

  /** The repository's {@code examples/} directory (the launcher passes the repository root). */
  static Path examples() {
    Path root = Path.of(System.getProperty("trellis.root", "."));
    Path examples = root.resolve("examples").toAbsolutePath().normalize();
    if (!Files.isRegularFile(examples.resolve(MANIFEST))) {
      throw new IllegalArgumentException(
          "--demo needs the repository's examples/ directory; run it as ./trellis up --demo from"
              + " the repository (looked for "
              + examples.resolve(MANIFEST)
              + ")");
    }
    return examples;
  }

  /** Deploys the demo app and returns once every instance runs; fails with the app's status. */
  static void deploy(Connection connection, String lattice, Duration timeout) {
    Path examples = examples();
    String manifest;
    try {
      manifest =
          Files.readString(examples.resolve(MANIFEST)).replace("${EXAMPLES}", examples.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchedulerClient client = new SchedulerClient(connection, lattice, Duration.ofSeconds(15));
    var put = client.put(manifest);
    if (put.result() == PutResult.ERROR && !put.message().contains("already exists")) {
      throw new IllegalStateException("demo manifest rejected: " + put.message());
    }
    var deployed = client.deploy("hello", Optional.of("v0.1.0"));
    if (deployed.result() != DeployResult.ACKNOWLEDGED) {
      throw new IllegalStateException("demo deploy failed: " + deployed.message());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no status yet";
    while (System.nanoTime() < deadline) {
      Optional<AppStatus> status = client.status("hello").status();
      if (status.isPresent()) {
        last = status.get().type() + ": " + status.get().message();
        if (status.get().type() == StatusType.DEPLOYED) {
          return;
        }
        if (status.get().type() == StatusType.FAILED) {
          break;
        }
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new IllegalStateException("demo app 'hello' not deployed: " + last);
  }
}
