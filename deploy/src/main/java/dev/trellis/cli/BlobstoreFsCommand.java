package dev.trellis.cli;

import dev.trellis.wrpc.provider.builtin.FsBlobstoreProvider;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code trellis provider blobstore-fs}: serves {@code wrpc:blobstore/blobstore@0.2.0} from a
 * directory until SIGTERM, then drains.
 */
@Command(
    name = "blobstore-fs",
    mixinStandardHelpOptions = true,
    description =
        "Serve wrpc:blobstore/blobstore@0.2.0 (the wRPC form of wasi:blobstore) from a directory.")
final class BlobstoreFsCommand implements Runnable {
  private static final String NAME = "blobstore-fs";

  @Mixin ProviderOptions provider;

  @Option(
      names = "--root",
      required = true,
      description = "Directory holding the containers; nothing outside it is ever touched.")
  Path root;

  @Override
  public void run() {
    FsBlobstoreProvider blobs = FsBlobstoreProvider.create(root);
    provider.serve(
        NAME, provider.config(NAME), blobs.interfaces(), "directory " + blobs.root(), () -> {});
  }
}
