package dev.trellis.scheduler.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trellis.nats.StorageReplicas;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.manifest.ConfigRef;
import io.nats.client.Connection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named configs of one lattice, kept where wasmCloud keeps them: the JetStream KV bucket {@code
 * CONFIGDATA_{lattice}}, key = config name, value = a JSON object of string values (what {@code
 * wash config put NAME k=v} writes). A manifest's config without {@code properties} names one of
 * them; the reconciler reads it on each pass and passes its values to the workload.
 *
 * <p>Names follow {@link ConfigRef#storedNameProblem}; only objects of strings are written, and a
 * stored value that is anything else reads as {@link Lookup.Malformed} naming the key at fault.
 */
public final class ConfigStore {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Room left under the server's max payload for the KV message's subject and headers. */
  private static final int PAYLOAD_OVERHEAD = 1024;

  private final JnatsAdapter nats;
  private final String bucket;

  private ConfigStore(JnatsAdapter nats, String lattice) {
    this.nats = nats;
    this.bucket = Subjects.configBucket(lattice);
  }

  /** The configs of {@code lattice}, creating the bucket with {@code replicas} copies if absent. */
  public static ConfigStore open(Connection connection, String lattice, int replicas) {
    StorageReplicas.check("storage replicas", replicas);
    ConfigStore store = new ConfigStore(new JnatsAdapter(connection), lattice);
    store.nats.ensureBucket(store.bucket, replicas);
    return store;
  }

  /**
   * The configs of {@code lattice} without creating anything: while the bucket does not exist,
   * every config is missing and the list is empty.
   */
  public static ConfigStore existing(Connection connection, String lattice) {
    return new ConfigStore(new JnatsAdapter(connection), lattice);
  }

  /** The bucket's name, {@code CONFIGDATA_{lattice}}. */
  public String bucket() {
    return bucket;
  }

  /**
   * What is stored under {@code name}: its values, nothing, or a value that is not valid.
   *
   * @throws IllegalArgumentException when {@code name} cannot be a config name
   */
  public Lookup lookup(String name) {
    checkName(name);
    Optional<byte[]> stored = nats.kvValue(bucket, name);
    if (stored.isEmpty()) {
      return new Lookup.Missing();
    }
    try {
      return new Lookup.Found(decode(stored.get()));
    } catch (IllegalArgumentException e) {
      return new Lookup.Malformed(e.getMessage());
    }
  }

  private static void checkName(String name) {
    Optional<String> problem = ConfigRef.storedNameProblem(name);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  /**
   * Stores {@code values} as the config {@code name}, replacing what it held.
   *
   * @throws IllegalArgumentException naming the config when the name or a key is not valid, or the
   *     encoded values are larger than the server accepts
   */
  public void put(String name, Map<String, String> values) {
    checkName(name);
    Objects.requireNonNull(values, "values");
    SortedMap<String, String> sorted = new TreeMap<>();
    values.forEach(
        (key, value) -> {
          if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("config '" + name + "': a key must not be empty");
          }
          if (value == null) {
            throw new IllegalArgumentException(
                "config '" + name + "': key '" + key + "' has no value");
          }
          sorted.put(key, value);
        });
    byte[] encoded = encode(sorted);
    long limit = nats.maxPayload() - PAYLOAD_OVERHEAD;
    if (encoded.length > limit) {
      throw new IllegalArgumentException(
          "config '"
              + name
              + "' is "
              + encoded.length
              + " bytes as JSON; the NATS server accepts at most "
              + limit);
    }
    nats.kvPut(bucket, name, encoded);
    LOG.info("config_stored bucket={} config={} keys={}", bucket, name, sorted.size());
  }

  /** The names of the stored configs, sorted. */
  public List<String> list() {
    return nats.kvKeys(bucket).stream().sorted().toList();
  }

  /** Deletes the config {@code name}; false when there was none. */
  public boolean delete(String name) {
    if (ConfigRef.storedNameProblem(name).isPresent() || nats.kvValue(bucket, name).isEmpty()) {
      return false;
    }
    nats.kvDelete(bucket, name);
    LOG.info("config_deleted bucket={} config={}", bucket, name);
    return true;
  }

  /**
   * Calls {@code changed} with the name of every config written or deleted from now on (on the NATS
   * dispatcher thread: hand real work to another thread). The bucket must exist ({@link #open}).
   */
  public Watch watch(Consumer<String> changed) {
    Runnable stop = nats.kvWatch(bucket, changed);
    return stop::run;
  }

  /** A running {@link #watch}; closing it stops the callbacks. */
  public interface Watch extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The values a stored config holds.
   *
   * @throws IllegalArgumentException saying what is wrong (not JSON, not an object, a value that is
   *     not a string, naming its key)
   */
  public static SortedMap<String, String> decode(byte[] stored) {
    JsonNode node;
    try {
      node = JSON.readTree(stored);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "is not valid JSON ("
              + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage())
              + ")",
          e);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(
          "is not a JSON object of strings: found " + kind(node) + " " + preview(node));
    }
    SortedMap<String, String> values = new TreeMap<>();
    for (var field : node.properties()) {
      JsonNode value = field.getValue();
      if (!value.isTextual()) {
        throw new IllegalArgumentException(
            "has a value that is not a string: key '"
                + field.getKey()
                + "' holds "
                + kind(value)
                + " "
                + preview(value));
      }
      values.put(field.getKey(), value.textValue());
    }
    return Collections.unmodifiableSortedMap(values);
  }

  /** {@code values} as stored: a JSON object, keys sorted. */
  public static byte[] encode(Map<String, String> values) {
    try {
      return JSON.writeValueAsBytes(new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode config values as JSON", e);
    }
  }

  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case NULL -> "null";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case BINARY, MISSING, POJO ->
          "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String preview(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return "";
    }
    String text = node.toString();
    String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
    return "(" + shown + ")";
  }

  /** What {@link #lookup} found under a name. */
  public sealed interface Lookup {
    /**
     * The config exists and holds these values.
     *
     * @param values its values, sorted by key
     */
    record Found(Map<String, String> values) implements Lookup {
      public Found {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
      }
    }

    /** No config of that name is stored. */
    record Missing() implements Lookup {}

    /**
     * Something is stored but it is not a JSON object of strings.
     *
     * @param problem what is wrong, e.g. {@code has a value that is not a string: key 'port' holds
     *     a number (5432)}, to follow the config's name
     */
    record Malformed(String problem) implements Lookup {
      public Malformed {
        Objects.requireNonNull(problem, "problem");
      }
    }
  }
}
