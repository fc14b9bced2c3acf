package dev.trellis.host.plugin.keyvalue;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Buckets as NATS JetStream key-value buckets of the same name, created on first open with the
 * server's defaults: shared by every host of the lattice and as durable as the JetStream cluster.
 * Counters are updated with compare-and-set on the entry's revision, so concurrent increments from
 * any number of hosts never lose an update. This class is the one place the backend's jnats checked
 * exceptions become {@link KeyValueException}s.
 */
public final class JetStreamKeyValue implements KeyValueBackend {
  /** The id workloads select it by. */
  public static final String ID = "jetstream";

  private static final int STREAM_NOT_FOUND = 10059;
  private static final int WRONG_LAST_SEQUENCE = 10071;
  private static final int MAX_CAS_ATTEMPTS = 64;
  private static final Pattern BUCKET_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final Connection connection;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  /** Buckets reached over {@code connection}, which the caller keeps owning. */
  public JetStreamKeyValue(Connection connection) {
    this.connection = connection;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public KeyValueBucket open(String name) {
    Bucket known = buckets.get(name);
    if (known != null) {
      return known;
    }
    if (!BUCKET_NAME.matcher(name).matches()) {
      throw new KeyValueException(
          KeyValueException.Kind.NO_SUCH_STORE,
          "'" + name + "' is not a JetStream bucket name (letters, digits, '-' and '_' only)");
    }
    KeyValue kv = call(name, "open", () -> ensure(name));
    Bucket fresh = new Bucket(name, kv);
    Bucket raced = buckets.putIfAbsent(name, fresh);
    return raced == null ? fresh : raced;
  }

  private KeyValue ensure(String name)
      throws IOException, JetStreamApiException, InterruptedException {
    KeyValueManagement management = connection.keyValueManagement();
    try {
      management.getStatus(name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      management.create(KeyValueConfiguration.builder().name(name).build());
    }
    return connection.keyValue(name);
  }

  /** A JetStream call that may throw jnats' checked exceptions. */
  @FunctionalInterface
  private interface JetStreamCall<T> {
    T run() throws IOException, JetStreamApiException, InterruptedException;
  }

  private static <T> T call(String bucket, String what, JetStreamCall<T> body) {
    try {
      return body.run();
    } catch (JetStreamApiException e) {
      throw failure(bucket, what, e.getErrorDescription(), e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw failure(bucket, what, e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(bucket, what, "interrupted", e);
    }
  }

  private static KeyValueException failure(
      String bucket, String what, String detail, Throwable cause) {
    return new KeyValueException(
        KeyValueException.Kind.OTHER,
        "JetStream key-value bucket '" + bucket + "': " + what + " failed: " + detail,
        cause);
  }

  private record Bucket(String name, KeyValue kv) implements KeyValueBucket {
    @Override
    public Optional<byte[]> get(String key) {
      return call(name, "get '" + key + "'", () -> live(kv.get(key)))
          .map(e -> e.getValue() == null ? new byte[0] : e.getValue());
    }

    @Override
    public void set(String key, byte[] value) {
      call(name, "set '" + key + "'", () -> kv.put(key, value));
    }

    @Override
    public void delete(String key) {
      call(
          name,
          "delete '" + key + "'",
          () -> {
            kv.delete(key);
            return null;
          });
    }

    @Override
    public List<String> keys() {
      List<String> keys = new ArrayList<>(call(name, "list keys", kv::keys));
      keys.sort(null);
      return keys;
    }

    @Override
    public long increment(String key, long delta) {
      for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
        Optional<Long> done = call(name, "increment '" + key + "'", () -> tryIncrement(key, delta));
        if (done.isPresent()) {
          return done.get();
        }
      }
      throw new KeyValueException(
          KeyValueException.Kind.OTHER,
          "increment of '"
              + key
              + "' in bucket '"
              + name
              + "' lost "
              + MAX_CAS_ATTEMPTS
              + " compare-and-set races in a row");
    }

    /** One compare-and-set attempt; empty when another writer got there first. */
    private Optional<Long> tryIncrement(String key, long delta)
        throws IOException, JetStreamApiException {
      Optional<KeyValueEntry> entry = live(kv.get(key));
      long next =
          Counters.add(entry.map(e -> Counters.decode(name, key, valueOf(e))).orElse(0L), delta);
      try {
        if (entry.isPresent()) {
          kv.update(key, Counters.encode(next), entry.get().getRevision());
        } else {
          kv.create(key, Counters.encode(next));
        }
        return Optional.of(next);
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
          return Optional.empty();
        }
        throw e;
      }
    }

    private static byte[] valueOf(KeyValueEntry entry) {
      return entry.getValue() == null ? new byte[0] : entry.getValue();
    }

    private static Optional<KeyValueEntry> live(KeyValueEntry entry) {
      return entry == null || entry.getOperation() != KeyValueOperation.PUT
          ? Optional.empty()
          : Optional.of(entry);
    }
  }
}
