package dev.trellis.scheduler.store;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The four key-value operations the manifest store needs, each compare-and-swap on the revision. An
 * interface so tests can interleave a competing write between a read and its write.
 */
interface KvBucket {
  /** The live value of {@code key} and its revision; empty if absent, deleted or purged. */
  Optional<KvEntry> get(String key);

  /** Writes {@code key} if it holds no live value; empty when another writer got there first. */
  OptionalLong create(String key, byte[] value);

  /** Writes {@code key} if its revision is still {@code revision}; empty on conflict. */
  OptionalLong update(String key, byte[] value, long revision);

  /** Purges {@code key} if its revision is still {@code revision}; false on conflict. */
  boolean purge(String key, long revision);

  /** The largest value the server accepts, in bytes. */
  long maxValueBytes();

  /**
   * A live value and the revision it was written at.
   *
   * @param value the bytes
   * @param revision the KV revision (stream sequence)
   */
  record KvEntry(byte[] value, long revision) {}
}
