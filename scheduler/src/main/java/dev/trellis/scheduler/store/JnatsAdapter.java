package dev.trellis.scheduler.store;

import dev.trellis.nats.StorageReplicas;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.PurgeOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the scheduler's store and API call jnats: its checked exceptions become
 * {@link StoreException}s naming the bucket, stream or subject, and its "expected" failures
 * (revision conflicts, no message, no responders, timeouts) become return values.
 */
public final class JnatsAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(JnatsAdapter.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;
  private static final int NO_MESSAGE_FOUND = 10037;
  private static final int WRONG_LAST_SEQUENCE = 10071;

  private final Connection connection;
  private final Map<String, KeyValue> buckets = new ConcurrentHashMap<>();

  public JnatsAdapter(Connection connection) {
    this.connection = connection;
  }

  /** The connection this adapter calls through. */
  public Connection connection() {
    return connection;
  }

  /** Waits until the server has processed everything sent so far (subscriptions included). */
  public void flush(Duration timeout) {
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new StoreException(
          "NATS did not confirm a flush within " + timeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while flushing to NATS", e);
    }
  }

  /**
   * Creates the stream {@code config} describes unless one of that name exists (left as is, with a
   * warning if it keeps another number of replicas than {@code config} asks for).
   */
  public void ensureStream(StreamConfiguration config) {
    String name = config.getName();
    try {
      var jsm = connection.jetStreamManagement();
      try {
        int actual = jsm.getStreamInfo(name).getConfiguration().getReplicas();
        StorageReplicas.warnIfDifferent(LOG, "stream", name, actual, config.getReplicas());
        return;
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
          throw e;
        }
      }
      jsm.addStream(config);
      LOG.info("jetstream_stream_created stream={} replicas={}", name, config.getReplicas());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw new StoreException(
            "cannot create JetStream stream "
                + name
                + StorageReplicas.createHint(config.getReplicas())
                + ": "
                + e.getMessage(),
            e);
      }
    } catch (IOException e) {
      throw unreachable("set up stream " + name, e);
    }
  }

  /** The newest message on {@code subject} in {@code stream}, if there is one. */
  public Optional<byte[]> lastMessage(String stream, String subject) {
    try {
      MessageInfo info = connection.jetStreamManagement().getLastMessage(stream, subject);
      return Optional.ofNullable(info.getData());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
        return Optional.empty();
      }
      throw new StoreException(
          "cannot read " + subject + " from " + stream + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("read " + subject + " from " + stream, e);
    }
  }

  /** Publishes to a subject a stream captures and waits for the stream's acknowledgement. */
  public void publishDurably(String subject, byte[] data) {
    try {
      connection.jetStream().publish(subject, data);
    } catch (JetStreamApiException e) {
      throw new StoreException(
          "JetStream refused a message on " + subject + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("publish on " + subject, e);
    }
  }

  /** Removes every message on {@code subject} from {@code stream}. */
  public void purgeSubject(String stream, String subject) {
    try {
      connection.jetStreamManagement().purgeStream(stream, PurgeOptions.subject(subject));
    } catch (JetStreamApiException e) {
      throw new StoreException(
          "cannot purge " + subject + " from " + stream + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("purge " + subject + " from " + stream, e);
    }
  }

  /**
   * Sends a request and waits up to {@code timeout} for the first reply. "No responders" is told
   * apart from silence: the server answers the former at once with a 503 status, which jnats turns
   * into a cancelled future (its own timeout is set past ours so it never cancels first).
   */
  public Reply request(String subject, Headers headers, byte[] body, Duration timeout) {
    CompletableFuture<Message> future =
        connection.requestWithTimeout(subject, headers, body, timeout.plusSeconds(5));
    try {
      return new Reply.Answered(future.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
    } catch (CancellationException e) {
      return new Reply.NoResponders();
    } catch (TimeoutException e) {
      future.cancel(true);
      return new Reply.TimedOut();
    } catch (ExecutionException e) {
      throw new StoreException("request on " + subject + " failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new StoreException("interrupted while waiting for a reply on " + subject, e);
    }
  }

  /** The outcome of {@link #request}: a reply, nobody listening, or nobody answering in time. */
  public sealed interface Reply {
    /**
     * A reply arrived.
     *
     * @param message the reply
     */
    record Answered(Message message) implements Reply {}

    /** No subscriber listens on the subject. */
    record NoResponders() implements Reply {}

    /** Somebody listens, but no reply came in time. */
    record TimedOut() implements Reply {}
  }

  /**
   * Creates the KV bucket (history 1, file storage, as wadm) with {@code replicas} copies unless it
   * exists (left as is, with a warning if it keeps another number of replicas).
   */
  void ensureBucket(String bucket, int replicas) {
    try {
      try {
        int actual = connection.keyValueManagement().getStatus(bucket).getReplicas();
        StorageReplicas.warnIfDifferent(LOG, "bucket", bucket, actual, replicas);
        return;
      } catch (JetStreamApiException e) {
        if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
          throw e;
        }
      }
      connection
          .keyValueManagement()
          .create(
              KeyValueConfiguration.builder()
                  .name(bucket)
                  .maxHistoryPerKey(1)
                  .storageType(StorageType.File)
                  .replicas(replicas)
                  .build());
      LOG.info("kv_bucket_created bucket={} replicas={}", bucket, replicas);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw new StoreException(
            "cannot create KV bucket "
                + bucket
                + StorageReplicas.createHint(replicas)
                + ": "
                + e.getMessage(),
            e);
      }
    } catch (IOException e) {
      throw unreachable("set up KV bucket " + bucket, e);
    }
  }

  /** The bucket as the manifest store uses it. */
  KvBucket bucket(String bucket) {
    return new NatsBucket(bucket);
  }

  /** The live value of {@code key}; empty if absent, deleted, or the bucket does not exist. */
  Optional<byte[]> kvValue(String bucket, String key) {
    try {
      Optional<KeyValue> kv = existingKeyValue(bucket);
      if (kv.isEmpty()) {
        return Optional.empty();
      }
      return Optional.ofNullable(kv.get().get(key)).map(KeyValueEntry::getValue);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return Optional.empty();
      }
      throw new StoreException("cannot read " + bucket + "/" + key + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("read " + bucket + "/" + key, e);
    }
  }

  /** Writes {@code key} whatever it holds now (the bucket must exist). */
  void kvPut(String bucket, String key, byte[] value) {
    try {
      keyValue(bucket).put(key, value);
    } catch (JetStreamApiException e) {
      throw new StoreException("cannot write " + bucket + "/" + key + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("write " + bucket + "/" + key, e);
    }
  }

  /** Deletes {@code key} (a delete marker, as wasmCloud deletes configs). */
  void kvDelete(String bucket, String key) {
    try {
      keyValue(bucket).delete(key);
    } catch (JetStreamApiException e) {
      throw new StoreException("cannot delete " + bucket + "/" + key + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("delete " + bucket + "/" + key, e);
    }
  }

  /** The keys holding a live value; empty if the bucket does not exist. */
  List<String> kvKeys(String bucket) {
    try {
      Optional<KeyValue> kv = existingKeyValue(bucket);
      return kv.isEmpty() ? List.of() : List.copyOf(kv.get().keys());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return List.of();
      }
      throw new StoreException("cannot list " + bucket + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw unreachable("list " + bucket, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while listing " + bucket, e);
    }
  }

  /**
   * Calls {@code onChange} with the key of every later write or delete in {@code bucket} (which
   * must exist), on a dispatcher thread: keep the callback short. Running the returned action stops
   * the watch.
   *
   * <p>A plain subscription to the bucket's subjects ({@code $KV.{bucket}.>}, where every put,
   * delete and purge is published), confirmed by the server before this returns: every later change
   * is reported while the connection is up, without a JetStream consumer whose start position could
   * race with the first writes. Changes made while disconnected are not reported; callers keep a
   * periodic pass for those.
   */
  Runnable kvWatch(String bucket, Consumer<String> onChange) {
    String prefix = "$KV." + bucket + ".";
    var dispatcher =
        connection.createDispatcher(
            message -> {
              if (message.getSubject().startsWith(prefix)) {
                onChange.accept(message.getSubject().substring(prefix.length()));
              }
            });
    dispatcher.subscribe(prefix + ">");
    try {
      connection.flush(Duration.ofSeconds(5));
    } catch (TimeoutException e) {
      connection.closeDispatcher(dispatcher);
      throw new StoreException("cannot watch " + bucket + ": the server did not confirm in 5 s", e);
    } catch (InterruptedException e) {
      connection.closeDispatcher(dispatcher);
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while starting to watch " + bucket, e);
    }
    return () -> {
      try {
        connection.closeDispatcher(dispatcher);
      } catch (IllegalStateException e) {
        LOG.debug("kv_watch_already_closed bucket={} reason={}", bucket, e.getMessage());
      }
    };
  }

  /** The largest message the server accepts, in bytes. */
  long maxPayload() {
    return connection.getServerInfo().getMaxPayload();
  }

  /** The bucket, if it exists (jnats checks when the handle is made, so none is cached then). */
  private Optional<KeyValue> existingKeyValue(String bucket) {
    try {
      return Optional.of(keyValue(bucket));
    } catch (StoreException e) {
      if (e.getCause() instanceof IOException io
          && io.getCause() instanceof JetStreamApiException api
          && api.getApiErrorCode() == STREAM_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private KeyValue keyValue(String bucket) {
    return buckets.computeIfAbsent(
        bucket,
        name -> {
          try {
            return connection.keyValue(name);
          } catch (IOException e) {
            throw unreachable("open KV bucket " + name, e);
          }
        });
  }

  private static StoreException unreachable(String what, IOException e) {
    return new StoreException(
        "cannot "
            + what
            + " ("
            + e.getMessage()
            + "); is JetStream enabled on the NATS server and reachable?",
        e);
  }

  /** {@link KvBucket} on a real JetStream KV bucket. */
  private final class NatsBucket implements KvBucket {
    private final String name;

    NatsBucket(String name) {
      this.name = name;
    }

    @Override
    public Optional<KvEntry> get(String key) {
      try {
        KeyValueEntry entry = keyValue(name).get(key);
        return Optional.ofNullable(entry).map(e -> new KvEntry(e.getValue(), e.getRevision()));
      } catch (JetStreamApiException e) {
        throw failed("read", key, e);
      } catch (IOException e) {
        throw unreachable("read " + name + "/" + key, e);
      }
    }

    @Override
    public OptionalLong create(String key, byte[] value) {
      try {
        return OptionalLong.of(keyValue(name).create(key, value));
      } catch (JetStreamApiException e) {
        return conflictOrThrow("create", key, e);
      } catch (IOException e) {
        throw unreachable("write " + name + "/" + key, e);
      }
    }

    @Override
    public OptionalLong update(String key, byte[] value, long revision) {
      try {
        return OptionalLong.of(keyValue(name).update(key, value, revision));
      } catch (JetStreamApiException e) {
        return conflictOrThrow("update", key, e);
      } catch (IOException e) {
        throw unreachable("write " + name + "/" + key, e);
      }
    }

    @Override
    public boolean purge(String key, long revision) {
      try {
        keyValue(name).purge(key, revision);
        return true;
      } catch (JetStreamApiException e) {
        return conflictOrThrow("purge", key, e).isPresent();
      } catch (IOException e) {
        throw unreachable("purge " + name + "/" + key, e);
      }
    }

    @Override
    public long maxValueBytes() {
      return connection.getServerInfo().getMaxPayload();
    }

    private OptionalLong conflictOrThrow(String what, String key, JetStreamApiException e) {
      if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
        return OptionalLong.empty();
      }
      throw failed(what, key, e);
    }

    private StoreException failed(String what, String key, JetStreamApiException e) {
      return new StoreException(
          "cannot " + what + " " + name + "/" + key + ": " + e.getMessage(), e);
    }
  }
}
