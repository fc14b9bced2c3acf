package dev.trellis.host.plugin.keyvalue;

/**
 * Where buckets live: {@link InMemoryKeyValue} (the host's memory, gone with the host) or {@link
 * JetStreamKeyValue} (NATS JetStream key-value buckets, shared by the lattice and persistent).
 * Thread-safe.
 */
public interface KeyValueBackend extends AutoCloseable {

  /** The name workloads select it by in their {@code backend} config: {@code memory}, ... */
  String id();

  /**
   * The bucket called {@code name}, created if it does not exist.
   *
   * @throws KeyValueException if the name is not valid here or the bucket cannot be made
   */
  KeyValueBucket open(String name);

  @Override
  default void close() {}
}
