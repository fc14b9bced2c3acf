package dev.trellis.host.plugin.keyvalue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Buckets in the host's memory, shared by every workload of the host that opens the same name and
 * lost when the host stops. For tests, single hosts and caches.
 */
public final class InMemoryKeyValue implements KeyValueBackend {
  /** The id workloads select it by. */
  public static final String ID = "memory";

  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public KeyValueBucket open(String name) {
    if (name.isEmpty()) {
      throw new KeyValueException(KeyValueException.Kind.NO_SUCH_STORE, "bucket name is empty");
    }
    return buckets.computeIfAbsent(name, Bucket::new);
  }

  private static final class Bucket implements KeyValueBucket {
    private final String name;
    private final ConcurrentMap<String, byte[]> entries = new ConcurrentHashMap<>();

    Bucket(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Optional<byte[]> get(String key) {
      return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
    }

    @Override
    public void set(String key, byte[] value) {
      entries.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
      entries.remove(key);
    }

    @Override
    public List<String> keys() {
      List<String> keys = new ArrayList<>(entries.keySet());
      keys.sort(null);
      return keys;
    }

    @Override
    public long increment(String key, long delta) {
      byte[] updated =
          entries.compute(
              key,
              (k, old) ->
                  Counters.encode(
                      Counters.add(old == null ? 0 : Counters.decode(name, k, old), delta)));
      return Counters.decode(name, key, Arrays.copyOf(updated, updated.length));
    }
  }
}
