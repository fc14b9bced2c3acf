package dev.trellis.scheduler.reconcile;

import dev.trellis.nats.StorageReplicas;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's one adapter to a JetStream KV bucket: every write is a compare-and-swap on the
 * key's revision, a lost race is a return value, and jnats' checked exceptions become {@link
 * ReconcileException}s naming the bucket and key.
 */
final class KvStore {
  private static final Logger LOG = LoggerFactory.getLogger(KvStore.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;
  private static final int WRONG_LAST_SEQUENCE = 10071;

  private final String bucket;
  private final KeyValue kv;

  private KvStore(String bucket, KeyValue kv) {
    this.bucket = bucket;
    this.kv = kv;
  }

  /**
   * The bucket {@code bucket}, created (history 1) with {@code storage} and {@code replicas} copies
   * if it does not exist; an existing one is left as is, with a warning if it keeps another number
   * of replicas.
   */
  static KvStore open(Connection connection, String bucket, StorageType storage, int replicas) {
    try {
      try {
        int actual = connection.keyValueManagement().getStatus(bucket).getReplicas();
        StorageReplicas.warnIfDifferent(LOG, "bucket", bucket, actual, replicas);
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
          throw e;
        }
        create(connection, bucket, storage, replicas);
      }
      return new KvStore(bucket, connection.keyValue(bucket));
    } catch (JetStreamApiException e) {
      throw new ReconcileException(
          "cannot open KV bucket "
              + bucket
              + StorageReplicas.createHint(replicas)
              + ": "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw unreachable("open KV bucket " + bucket, e);
    }
  }

  private static void create(
      Connection connection, String bucket, StorageType storage, int replicas)
      throws IOException, JetStreamApiException {
    try {
      connection
          .keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name(bucket)
                  .maxHistoryPerKey(1)
                  .storageType(storage)
                  .replicas(replicas)
                  .build());
      LOG.info("kv_bucket_created bucket={} replicas={}", bucket, replicas);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw e;
      }
    }
  }

  /** The live value of {@code key} and its revision. */
  Optional<Entry> get(String key) {
    try {
      KeyValueEntry entry = kv.get(key);
      return Optional.ofNullable(entry)
          .filter(e -> e.getValue() != null)
          .map(e -> new Entry(e.getValue(), e.getRevision()));
    } catch (JetStreamApiException e) {
      throw failed("read", key, e);
    } catch (IOException e) {
      throw unreachable("read " + bucket + "/" + key, e);
    }
  }

  /** Writes {@code key} if it holds no live value; empty if another writer got there first. */
  OptionalLong create(String key, byte[] value) {
    try {
      return OptionalLong.of(kv.create(key, value));
    } catch (JetStreamApiException e) {
      return conflict("create", key, e);
    } catch (IOException e) {
      throw unreachable("write " + bucket + "/" + key, e);
    }
  }

  /** Writes {@code key} if its revision is still {@code revision}; empty on conflict. */
  OptionalLong update(String key, byte[] value, long revision) {
    try {
      return OptionalLong.of(kv.update(key, value, revision));
    } catch (JetStreamApiException e) {
      return conflict("update", key, e);
    } catch (IOException e) {
      throw unreachable("write " + bucket + "/" + key, e);
    }
  }

  /** Deletes {@code key} if its revision is still {@code revision}; false on conflict. */
  boolean delete(String key, long revision) {
    try {
      kv.delete(key, revision);
      return true;
    } catch (JetStreamApiException e) {
      return conflict("delete", key, e).isPresent();
    } catch (IOException e) {
      throw unreachable("delete " + bucket + "/" + key, e);
    }
  }

  /** The keys matching {@code filter} (NATS wildcards). */
  List<String> keys(String filter) {
    try {
      return List.copyOf(kv.keys(filter));
    } catch (JetStreamApiException e) {
      throw failed("list", filter, e);
    } catch (IOException e) {
      throw unreachable("list " + bucket, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReconcileException("interrupted while listing " + bucket, e);
    }
  }

  private OptionalLong conflict(String what, String key, JetStreamApiException e) {
    if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
      return OptionalLong.empty();
    }
    throw failed(what, key, e);
  }

  private ReconcileException failed(String what, String key, JetStreamApiException e) {
    return new ReconcileException(
        "cannot " + what + " " + bucket + "/" + key + ": " + e.getMessage(), e);
  }

  private static ReconcileException unreachable(String what, IOException e) {
    return new ReconcileException(
        "cannot " + what + " (" + e.getMessage() + "); is JetStream reachable?", e);
  }

  /**
   * A live value and the revision it was written at.
   *
   * @param value the bytes
   * @param revision the KV revision
   */
  record Entry(byte[] value, long revision) {}
}
