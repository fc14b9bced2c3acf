package dev.trellis.scheduler.reconcile;

import io.nats.client.Connection;
import io.nats.client.api.StorageType;
import java.util.List;

/**
 * Every application's placements in the KV bucket {@value ReconcileNames#PLACEMENT_BUCKET}, one key
 * per application. Written before each command is sent (write-ahead), with compare-and-swap on the
 * revision read at the start of the pass: two replicas that both believe they reconcile an app can
 * never both commit a decision, so no workload is started twice, and a restarted scheduler finds
 * everything it owns.
 */
public final class PlacementStore {
  private final KvStore kv;
  private final String lattice;

  PlacementStore(KvStore kv, String lattice) {
    this.kv = kv;
    this.lattice = lattice;
  }

  /**
   * The placement store, creating the bucket with {@code storageReplicas} copies if this is the
   * first scheduler.
   */
  public static PlacementStore open(Connection connection, String lattice, int storageReplicas) {
    return new PlacementStore(
        KvStore.open(
            connection, ReconcileNames.PLACEMENT_BUCKET, StorageType.File, storageReplicas),
        lattice);
  }

  /** {@code app}'s placements and the revision they were read at (0 when there are none). */
  public Versioned read(String app) {
    String key = ReconcileNames.appKey(lattice, app);
    return kv.get(key)
        .map(e -> new Versioned(PlacementCodec.decode(key, e.value()), e.revision()))
        .orElse(new Versioned(List.of(), 0));
  }

  /**
   * Replaces {@code app}'s placements with {@code placements} if they are still at {@code
   * revision}; returns the new revision, or -1 when another writer changed them first.
   */
  public long write(String app, List<Placement> placements, long revision) {
    String key = ReconcileNames.appKey(lattice, app);
    if (placements.isEmpty()) {
      if (revision == 0) {
        return 0;
      }
      return kv.delete(key, revision) ? 0 : -1;
    }
    byte[] value = PlacementCodec.encode(placements);
    var written = revision == 0 ? kv.create(key, value) : kv.update(key, value, revision);
    return written.isPresent() ? written.getAsLong() : -1;
  }

  /** The applications that have placements. */
  public List<String> apps() {
    String prefix = ReconcileNames.allApps(lattice);
    return kv.keys(prefix).stream().map(k -> k.substring(prefix.length() - 1)).toList();
  }

  /**
   * Placements and the revision they were read at.
   *
   * @param placements the placements
   * @param revision the KV revision, 0 when the key holds nothing
   */
  public record Versioned(List<Placement> placements, long revision) {
    public Versioned {
      placements = List.copyOf(placements);
      if (revision < 0) {
        throw new IllegalArgumentException("revision must be >= 0, got " + revision);
      }
    }
  }
}
