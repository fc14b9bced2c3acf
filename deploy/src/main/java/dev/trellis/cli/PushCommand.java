package dev.trellis.cli;

import dev.trellis.host.image.Credentials;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.image.ImagePusher;
import dev.trellis.host.image.ImageRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trellis push app.wasm registry/repo:tag}: publishes a component as a Wasm OCI artifact
 * (the layout wkg and wasmCloud read), printing each step on stderr and the pinned reference on
 * stdout.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = "Push a component to an OCI registry.")
final class PushCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component (.wasm) file.")
  Path file;

  @Parameters(index = "1", paramLabel = "REFERENCE", description = "registry/repository:tag")
  String reference;

  @Option(
      names = {"-u", "--username"},
      defaultValue = "${env:TRELLIS_REGISTRY_USERNAME}",
      description = "Registry user. Env: TRELLIS_REGISTRY_USERNAME.")
  String username;

  @Option(
      names = {"-p", "--password"},
      defaultValue = "${env:TRELLIS_REGISTRY_PASSWORD}",
      description = "Registry password or token. Env: TRELLIS_REGISTRY_PASSWORD.")
  String password;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description = "Registry spoken to over plain HTTP, repeatable (loopback always is).")
  List<String> insecureRegistries = new ArrayList<>();

  @Override
  public void run() {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " is not a file");
    }
    if (!(ImageRef.parse(reference) instanceof ImageRef.Oci target)) {
      throw new IllegalArgumentException(
          "'" + reference + "' is not a registry reference (registry/repository:tag)");
    }
    Optional<Credentials> credentials =
        username == null || username.isBlank()
            ? Optional.empty()
            : Optional.of(new Credentials(username, password == null ? "" : password));
    ImageConfig config =
        ImageConfig.defaults().withInsecureRegistries(new LinkedHashSet<>(insecureRegistries));
    long started = System.nanoTime();
    try (ImagePusher pusher = ImagePusher.create(config, Clock.systemUTC())) {
      ImagePusher.PushResult result =
          pusher.push(
              file,
              target,
              credentials,
              (ref, soFar, total) ->
                  System.err.printf(
                      soFar == 0
                          ? "Uploading %s (%s) to %s ...%n"
                          : "Uploaded  %s (%s) to %s; writing the manifest ...%n",
                      file.getFileName(),
                      bytes(total),
                      target.registry()));
      System.err.printf(
          "Pushed %s (layer %s) in %d ms%n",
          result.ref(), result.layerDigest(), (System.nanoTime() - started) / 1_000_000);
      System.out.println(result.pinned());
      System.out.flush();
    }
  }

  /** {@code 12.3 KiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    double kib = n / 1024.0;
    return kib < 1024 ? String.format("%.1f KiB", kib) : String.format("%.1f MiB", kib / 1024.0);
  }
}
