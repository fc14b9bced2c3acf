package dev.trellis.cli;

import dev.trellis.nats.StorageReplicas;
import picocli.CommandLine.Option;

/**
 * {@code --storage-replicas} of the commands that create JetStream state on a shared NATS ({@code
 * scheduler}: manifests, placements, leases, statuses; {@code host}: heartbeats). Not on {@code
 * up}, whose own single NATS server can keep one copy only.
 */
final class StorageOptions {
  static final String FLAG = "--storage-replicas";

  @Option(
      names = FLAG,
      paramLabel = "N",
      defaultValue = "${env:TRELLIS_STORAGE_REPLICAS:-1}",
      description =
          "Copies JetStream keeps of the streams and buckets this process creates, 1..5; 3 on a"
              + " 3-node NATS cluster (default: ${DEFAULT-VALUE}). Existing ones are left as they"
              + " are, with a warning if they differ. Env: TRELLIS_STORAGE_REPLICAS.")
  int storageReplicas;

  /**
   * The replica count asked for.
   *
   * @throws UsageException naming the flag when it is out of range
   */
  int replicas() {
    try {
      return StorageReplicas.check(FLAG, storageReplicas);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + " (env TRELLIS_STORAGE_REPLICAS sets it too)", e);
    }
  }
}
