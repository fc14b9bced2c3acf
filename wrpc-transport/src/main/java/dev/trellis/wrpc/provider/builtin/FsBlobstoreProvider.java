package dev.trellis.wrpc.provider.builtin;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.nats.AsyncSource;
import dev.trellis.wrpc.nats.WrpcCall;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcHandler;
import dev.trellis.wrpc.nats.WrpcReply;
import dev.trellis.wrpc.provider.Args;
import dev.trellis.wrpc.provider.FunctionHandler;
import dev.trellis.wrpc.provider.ProvidedInterface;
import dev.trellis.wrpc.provider.Values;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.FutureValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wrpc:blobstore/blobstore@0.2.0} provider on the local file system, confined to one
 * root directory (see {@link ConfinedRoot} for what it refuses). Object data streams both ways in
 * chunks: an upload is written to disk as it arrives and a download is read from disk as the
 * consumer takes it, so neither side holds an object whole. Serve it with {@link
 * dev.trellis.wrpc.provider.ProviderRunner}:
 *
 * <pre>{@code
 * FsBlobstoreProvider blobs = FsBlobstoreProvider.create(Path.of("/var/lib/trellis/blobs"));
 * ProviderRunner.create(ProviderConfig.of(nats, prefix, "blobstore-fs"), blobs.interfaces()).run();
 * }</pre>
 *
 * <p>Semantics where the WIT leaves room: {@code create-container} of an existing container
 * succeeds; {@code delete-container}, {@code clear-container} and the info functions fail for a
 * missing one; {@code delete-object} of a missing object succeeds; {@code get-container-data}
 * treats {@code start} and {@code end} as inclusive offsets (as {@code wasi:blobstore} documents),
 * clamping {@code end} to the last byte; {@code created-at} is seconds since the Unix epoch; {@code
 * list-container-objects} lists files in nested directories as {@code dir/name}, in directory
 * order.
 */
public final class FsBlobstoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(FsBlobstoreProvider.class);
  private static final int CHUNK = 64 * 1024;
  private static final int NAMES_PER_CHUNK = 256;

  private final FsBlobstore store;
  private final Path root;

  private FsBlobstoreProvider(ConfinedRoot root) {
    this.root = root.root();
    this.store = new FsBlobstore(root);
  }

  /**
   * A provider storing under {@code root}, which is created if missing.
   *
   * @throws java.io.UncheckedIOException if the root cannot be created or used
   */
  public static FsBlobstoreProvider create(Path root) {
    return new FsBlobstoreProvider(new ConfinedRoot(root));
  }

  /** The real path of the root directory. */
  public Path root() {
    return root;
  }

  /** The one interface, {@code wrpc:blobstore/blobstore@0.2.0}. */
  public List<ProvidedInterface> interfaces() {
    ProvidedInterface.Builder b = ProvidedInterface.builder(BlobstoreWit.INSTANCE);
    simple(b, BlobstoreWit.CLEAR_CONTAINER, a -> unit(() -> store.clearContainer(a.string(0))));
    simple(
        b,
        BlobstoreWit.CONTAINER_EXISTS,
        a -> value(() -> WitValue.bool(store.containerExists(a.string(0)))));
    simple(b, BlobstoreWit.CREATE_CONTAINER, a -> unit(() -> store.createContainer(a.string(0))));
    simple(b, BlobstoreWit.DELETE_CONTAINER, a -> unit(() -> store.deleteContainer(a.string(0))));
    simple(b, BlobstoreWit.GET_CONTAINER_INFO, a -> value(() -> containerInfo(a.string(0))));
    streaming(b, BlobstoreWit.LIST_CONTAINER_OBJECTS, this::list);
    simple(
        b, BlobstoreWit.COPY_OBJECT, a -> unit(() -> store.copyObject(id(a.get(0)), id(a.get(1)))));
    simple(b, BlobstoreWit.DELETE_OBJECT, a -> unit(() -> store.deleteObject(id(a.get(0)))));
    simple(b, BlobstoreWit.DELETE_OBJECTS, this::deleteObjects);
    streaming(b, BlobstoreWit.GET_CONTAINER_DATA, this::read);
    simple(b, BlobstoreWit.GET_OBJECT_INFO, a -> value(() -> objectInfo(id(a.get(0)))));
    simple(
        b, BlobstoreWit.HAS_OBJECT, a -> value(() -> WitValue.bool(store.hasObject(id(a.get(0))))));
    simple(
        b, BlobstoreWit.MOVE_OBJECT, a -> unit(() -> store.moveObject(id(a.get(0)), id(a.get(1)))));
    streaming(b, BlobstoreWit.WRITE_CONTAINER_DATA, this::write);
    return List.of(b.build());
  }

  // ---- plain functions ----

  private WitValue containerInfo(String name) {
    return WitValue.record(
        WitValue.field("created-at", WitValue.u64(store.containerCreatedAt(name))));
  }

  private WitValue objectInfo(FsBlobstore.ObjectId id) {
    FsBlobstore.Info info = store.objectInfo(id);
    return WitValue.record(
        WitValue.field("created-at", WitValue.u64(info.createdAt())),
        WitValue.field("size", WitValue.u64(info.size())));
  }

  private WitValue deleteObjects(Args args) {
    String container = args.string(0);
    List<String> names =
        args.list(1).stream().map(v -> ((WitValue.StringValue) v).value()).toList();
    return unit(
        () -> names.forEach(n -> store.deleteObject(new FsBlobstore.ObjectId(container, n))));
  }

  // ---- streaming functions ----

  /** {@code list-container-objects}: names stream in chunks; the future says how the walk ended. */
  private WrpcReply list(WrpcCall call) {
    List<WitValue> p = call.params();
    String name = ((WitValue.StringValue) p.get(0)).value();
    long limit = unsigned(p.get(1)).orElse(Long.MAX_VALUE);
    long offset = unsigned(p.get(2)).orElse(0L);
    try {
      if (!store.containerExists(name)) {
        return WrpcReply.of(error("container '" + name + "' does not exist"));
      }
    } catch (BlobstoreException e) {
      return WrpcReply.of(error(e));
    }
    CompletableFuture<WitValue> outcome = new CompletableFuture<>();
    AsyncSource names =
        AsyncSource.stream(
            sink ->
                finish(
                    outcome,
                    () ->
                        store.list(
                            name,
                            offset,
                            limit,
                            NAMES_PER_CHUNK,
                            chunk -> sink.write(Values.strings(chunk).elements()))));
    return pendingPair(names, outcome);
  }

  /** {@code get-container-data}: the byte range streams as the consumer reads it. */
  private WrpcReply read(WrpcCall call) {
    List<WitValue> p = call.params();
    try {
      FsBlobstore.ObjectId id = id(p.get(0));
      long start = ((WitValue.U64Value) p.get(1)).value();
      long end = ((WitValue.U64Value) p.get(2)).value();
      if (Long.compareUnsigned(start, end) > 0) {
        return WrpcReply.of(
            error(
                "start "
                    + Long.toUnsignedString(start)
                    + " is after end "
                    + Long.toUnsignedString(end)));
      }
      Path file = store.existingObject(id);
      CompletableFuture<WitValue> outcome = new CompletableFuture<>();
      AsyncSource data =
          AsyncSource.stream(
              sink ->
                  finish(outcome, () -> ByteRange.copy(store, file, id, start, end, CHUNK, sink)));
      return pendingPair(data, outcome);
    } catch (BlobstoreException e) {
      return WrpcReply.of(error(e));
    }
  }

  /**
   * {@code write-container-data}: checked now, stored as the stream arrives, reported by the
   * future.
   */
  private WrpcReply write(WrpcCall call) {
    FsBlobstore.ObjectId id;
    try {
      id = id(call.params().get(0));
      store.checkWritable(id);
    } catch (BlobstoreException e) {
      return WrpcReply.of(error(e));
    }
    FsBlobstore.ByteSource source = source(call);
    AsyncSource done = AsyncSource.future(() -> Optional.of(unit(() -> upload(id, source))));
    return WrpcReply.of(WitValue.ok(FutureValue.pending())).withAsync(IndexPath.of(0), done);
  }

  private void upload(FsBlobstore.ObjectId id, FsBlobstore.ByteSource source) {
    try {
      long bytes = store.write(id, source);
      LOG.debug("blob_written container={} object={} bytes={}", id.container(), id.object(), bytes);
    } catch (WrpcCallException e) {
      throw new BlobstoreException(
          "the upload of " + id + " was interrupted: " + e.getMessage(), e);
    }
  }

  /** The upload's bytes: the pending stream's channel, or the contents of a ready stream. */
  private static FsBlobstore.ByteSource source(WrpcCall call) {
    if (call.params().get(1) instanceof StreamValue s && s.isReady()) {
      byte[] bytes = WitBytes.of(new WitValue.ListValue(s.elements()), "data");
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      return in::read;
    }
    return call.stream(IndexPath.of(1))::read;
  }

  /** {@code ok(tuple(stream, future))} with the future resolved by {@code outcome}. */
  private static WrpcReply pendingPair(AsyncSource stream, CompletableFuture<WitValue> outcome) {
    // the stream's producer completes the outcome on every path, so this wait ends with it
    AsyncSource done = AsyncSource.future(() -> Optional.of(outcome.join()));
    return WrpcReply.of(WitValue.ok(WitValue.tuple(StreamValue.pending(), FutureValue.pending())))
        .withAsync(IndexPath.of(0, 0), stream)
        .withAsync(IndexPath.of(0, 1), done);
  }

  /**
   * Runs a stream's work and records how it ended in {@code outcome}; a failure of the consumer
   * (the transport) still abandons the stream, a failure of the store ends it with the error.
   */
  private static void finish(CompletableFuture<WitValue> outcome, Runnable work) {
    try {
      work.run();
      outcome.complete(WitValue.ok());
    } catch (BlobstoreException e) {
      outcome.complete(WitValue.err(WitValue.string(e.getMessage())));
    } catch (RuntimeException e) {
      outcome.complete(WitValue.err(WitValue.string("transfer failed: " + e.getMessage())));
      throw e;
    }
  }

  // ---- helpers ----

  private static void simple(
      ProvidedInterface.Builder b, WrpcFunction f, java.util.function.Function<Args, WitValue> h) {
    FunctionHandler handler = args -> List.of(h.apply(args));
    b.function(f.name(), f.params(), f.results(), handler);
  }

  private static void streaming(ProvidedInterface.Builder b, WrpcFunction f, WrpcHandler h) {
    b.streaming(f.name(), f.params(), f.results(), h);
  }

  /** {@code ok} once {@code action} has run, or {@code err(message)}. */
  private static WitValue unit(Runnable action) {
    try {
      action.run();
      return WitValue.ok();
    } catch (BlobstoreException e) {
      return error(e);
    }
  }

  /** {@code ok(value)}, or {@code err(message)}. */
  private static WitValue value(Supplier<WitValue> action) {
    try {
      return WitValue.ok(action.get());
    } catch (BlobstoreException e) {
      return error(e);
    }
  }

  private static WitValue error(BlobstoreException e) {
    LOG.debug("blobstore_error error={}", e.getMessage());
    return error(e.getMessage());
  }

  private static WitValue error(String message) {
    return WitValue.err(WitValue.string(message));
  }

  private static FsBlobstore.ObjectId id(WitValue value) {
    WitValue.RecordValue r = (WitValue.RecordValue) value;
    return new FsBlobstore.ObjectId(text(r, "container"), text(r, "object"));
  }

  private static String text(WitValue.RecordValue r, String field) {
    return ((WitValue.StringValue) r.get(field).orElseThrow()).value();
  }

  /** An {@code option<u64>} as a non-negative long (values beyond 2^63-1 saturate). */
  private static Optional<Long> unsigned(WitValue option) {
    return ((WitValue.OptionValue) option)
        .value()
        .map(v -> ((WitValue.U64Value) v).value())
        .map(v -> v < 0 ? Long.MAX_VALUE : v);
  }
}
