package dev.trellis.scheduler.store;

import dev.trellis.nats.StorageReplicas;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.store.KvBucket.KvEntry;
import io.nats.client.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifests of one lattice in the JetStream KV bucket {@value Subjects#MANIFEST_BUCKET}, in
 * wadm's layout. Every write is a compare-and-swap on the entry's revision: a change is computed
 * from a fresh read and written only if nobody wrote in between, else recomputed, up to {@link
 * #DEFAULT_MAX_ATTEMPTS} times, so replicas never lose each other's updates. Only validated {@link
 * Application}s are written, so bad input can never corrupt an entry.
 *
 * <p>Beside each application's entry, key {@code {lattice}} lists the lattice's application names
 * (as wadm's model set). It is written after an application is stored and before one is removed, so
 * it may name an application that is gone (skipped) but never hides one that exists.
 */
public final class ManifestStore {
  /** How many times a write is recomputed after losing a compare-and-swap race. */
  public static final int DEFAULT_MAX_ATTEMPTS = 20;

  /** Room left under the server's max payload for the KV message's subject and headers. */
  private static final int PAYLOAD_OVERHEAD = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ManifestStore.class);
  private static final Codec<StoredManifest> MANIFEST =
      new Codec<>(StoredManifestCodec::decode, StoredManifestCodec::encode);
  private static final Codec<SortedSet<String>> INDEX =
      new Codec<>(StoredManifestCodec::decodeIndex, StoredManifestCodec::encodeIndex);

  private final KvBucket bucket;
  private final String lattice;
  private final int maxAttempts;

  ManifestStore(KvBucket bucket, String lattice, int maxAttempts) {
    this.bucket = bucket;
    this.lattice = Subjects.token("lattice", lattice);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
  }

  /** The store of {@code lattice}, creating the bucket (one replica) if it does not exist. */
  public static ManifestStore open(Connection connection, String lattice) {
    return open(connection, lattice, StorageReplicas.DEFAULT);
  }

  /**
   * The store of {@code lattice}, creating the bucket with {@code replicas} copies if this is the
   * first scheduler.
   */
  public static ManifestStore open(Connection connection, String lattice, int replicas) {
    JnatsAdapter nats = new JnatsAdapter(connection);
    nats.ensureBucket(Subjects.MANIFEST_BUCKET, replicas);
    return new ManifestStore(nats.bucket(Subjects.MANIFEST_BUCKET), lattice, DEFAULT_MAX_ATTEMPTS);
  }

  /** The lattice whose manifests this store holds. */
  public String lattice() {
    return lattice;
  }

  /**
   * Stores {@code application} as its application's newest version. The version must be new
   * (versions are immutable); an unversioned manifest already got a ULID from the parser.
   */
  public PutOutcome put(Application application) {
    String name = application.name();
    if (!Subjects.isToken(name)) {
      return new PutOutcome.Rejected(
          "application name '"
              + name
              + "' cannot be stored: NATS keys allow only ASCII letters, digits, '-' and '_'");
    }
    long limit = bucket.maxValueBytes() - PAYLOAD_OVERHEAD;
    return change(
        name,
        current -> {
          Optional<StoredManifest> next =
              current.isPresent()
                  ? current.get().withVersion(application)
                  : Optional.of(StoredManifest.first(application));
          if (next.isEmpty()) {
            return new Change.Keep<>(new PutOutcome.VersionExists(name, application.version()));
          }
          int size = StoredManifestCodec.encode(next.get()).length;
          if (size > limit) {
            return new Change.Keep<>(new PutOutcome.Rejected(tooLarge(next.get(), size, limit)));
          }
          return new Change.Write<>(
              next.get(),
              new PutOutcome.Stored(name, application.version(), next.get().versions().size()));
        });
  }

  /** The application called {@code name} with all its versions. */
  public Optional<StoredManifest> get(String name) {
    if (!Subjects.isToken(name)) {
      return Optional.empty();
    }
    String key = key(name);
    return bucket.get(key).map(entry -> MANIFEST.decode().apply(key, entry.value()));
  }

  /** One version of an application; {@value StoredManifest#LATEST} means the newest. */
  public Optional<Application> get(String name, String version) {
    return get(name).flatMap(stored -> stored.version(version));
  }

  /** The versions of an application, oldest first. */
  public Optional<List<String>> versions(String name) {
    return get(name).map(StoredManifest::versionNames);
  }

  /**
   * Every application of the lattice, by name. An entry that no longer decodes is skipped with a
   * warning so that one bad entry does not hide the others ({@link #get} reports it).
   */
  public List<StoredManifest> list() {
    String indexKey = Subjects.manifestIndexKey(lattice);
    SortedSet<String> names =
        bucket
            .get(indexKey)
            .map(entry -> INDEX.decode().apply(indexKey, entry.value()))
            .orElseGet(TreeSet::new);
    List<StoredManifest> all = new ArrayList<>();
    for (String name : names) {
      try {
        get(name).ifPresent(all::add);
      } catch (StoreException e) {
        LOG.warn("manifest_unreadable lattice={} app={} error={}", lattice, name, e.getMessage());
      }
    }
    return all;
  }

  /**
   * Deletes one version, or the whole application when {@code version} is empty. Deleting the
   * deployed version undeploys the application; deleting the last version removes it.
   */
  public DeleteOutcome delete(String name, Optional<String> version) {
    if (!Subjects.isToken(name)) {
      return new DeleteOutcome.NothingToDelete(name, version, false);
    }
    return change(
        name,
        current -> {
          if (current.isEmpty()) {
            return new Change.Keep<>(new DeleteOutcome.NothingToDelete(name, version, false));
          }
          StoredManifest stored = current.get();
          if (version.isEmpty()) {
            return new Change.Remove<>(
                new DeleteOutcome.Deleted(
                    name, stored.versionNames(), true, stored.deployedVersion()));
          }
          String doomed = version.get();
          if (!stored.hasVersion(doomed)) {
            return new Change.Keep<>(new DeleteOutcome.NothingToDelete(name, version, true));
          }
          Optional<String> undeployed = stored.deployedVersion().filter(doomed::equals);
          Optional<StoredManifest> rest = stored.withoutVersion(doomed);
          DeleteOutcome deleted =
              new DeleteOutcome.Deleted(name, List.of(doomed), rest.isEmpty(), undeployed);
          return rest.<Change<StoredManifest, DeleteOutcome>>map(
                  r -> new Change.Write<>(r, deleted))
              .orElseGet(() -> new Change.Remove<>(deleted));
        });
  }

  /**
   * Marks a version deployed: {@code version} empty, blank or {@value StoredManifest#LATEST} means
   * the newest. Refused when it would clash with other deployed applications (see {@link
   * DeployChecks}); those are read before the write, as wadm does, not locked.
   */
  public DeployOutcome deploy(String name, Optional<String> version) {
    String wanted = version.filter(v -> !v.isBlank()).orElse(StoredManifest.LATEST);
    Optional<StoredManifest> snapshot = get(name);
    if (snapshot.isEmpty()) {
      return new DeployOutcome.ApplicationNotFound(name);
    }
    Optional<Application> staged = snapshot.get().version(wanted);
    if (staged.isEmpty()) {
      return new DeployOutcome.VersionNotFound(name, wanted);
    }
    Optional<String> problem = DeployChecks.problem(staged.get(), list());
    if (problem.isPresent()) {
      return new DeployOutcome.Refused(name, problem.get());
    }
    String target = staged.get().version();
    return change(
        name,
        current -> {
          if (current.isEmpty()) {
            return new Change.Keep<>(new DeployOutcome.ApplicationNotFound(name));
          }
          Optional<Application> app = current.get().version(target);
          if (app.isEmpty()) {
            return new Change.Keep<>(new DeployOutcome.VersionNotFound(name, target));
          }
          return new Change.Write<>(
              current.get().deploying(target),
              new DeployOutcome.Deployed(app.get(), current.get().deployedVersion()));
        });
  }

  /** Marks the application not deployed; succeeds too when nothing was deployed. */
  public UndeployOutcome undeploy(String name) {
    if (!Subjects.isToken(name)) {
      return new UndeployOutcome.ApplicationNotFound(name);
    }
    return change(
        name,
        current -> {
          if (current.isEmpty()) {
            return new Change.Keep<>(new UndeployOutcome.ApplicationNotFound(name));
          }
          Optional<String> previous = current.get().deployedVersion();
          UndeployOutcome done = new UndeployOutcome.Undeployed(name, previous);
          return previous.isEmpty()
              ? new Change.Keep<>(done)
              : new Change.Write<>(current.get().undeployed(), done);
        });
  }

  /** The shared components {@code application} references that no deployed application offers. */
  public List<String> missingSharedComponents(Application application) {
    return DeployChecks.missingShared(application, list());
  }

  private String key(String name) {
    return Subjects.manifestKey(lattice, name);
  }

  /** Applies {@code decide} to an application's entry and keeps the lattice index in step. */
  private <T> T change(
      String name, Function<Optional<StoredManifest>, Change<StoredManifest, T>> decide) {
    String key = key(name);
    AtomicBoolean unindexed = new AtomicBoolean();
    Runnable beforeRemove =
        () -> {
          if (!unindexed.getAndSet(true)) {
            index(name, false);
          }
        };
    Change<StoredManifest, T> applied = compareAndSwap(key, MANIFEST, decide, beforeRemove);
    switch (applied) {
      case Change.Write<StoredManifest, T> write -> index(name, true);
      case Change.Keep<StoredManifest, T> keep -> {
        if (unindexed.get() && bucket.get(key).isPresent()) {
          index(name, true);
        }
      }
      case Change.Remove<StoredManifest, T> remove -> {}
    }
    return applied.result();
  }

  private void index(String name, boolean present) {
    compareAndSwap(
        Subjects.manifestIndexKey(lattice),
        INDEX,
        current -> {
          SortedSet<String> names = new TreeSet<>(current.orElseGet(TreeSet::new));
          boolean changed = present ? names.add(name) : names.remove(name);
          return changed ? new Change.Write<>(names, name) : new Change.Keep<>(name);
        },
        () -> {});
  }

  /**
   * The compare-and-swap loop. Hand-written rather than a generic retry policy: each attempt must
   * re-read the entry and recompute the change from what it finds, which a retry of the same call
   * cannot do.
   */
  private <S, T> Change<S, T> compareAndSwap(
      String key,
      Codec<S> codec,
      Function<Optional<S>, Change<S, T>> decide,
      Runnable beforeRemove) {
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      Optional<KvEntry> entry = bucket.get(key);
      Optional<S> current = entry.map(e -> codec.decode().apply(key, e.value()));
      Change<S, T> change = decide.apply(current);
      boolean done =
          switch (change) {
            case Change.Keep<S, T> keep -> true;
            case Change.Write<S, T> write -> write(key, entry, codec.encode().apply(write.next()));
            case Change.Remove<S, T> remove -> {
              if (entry.isEmpty()) {
                yield true;
              }
              beforeRemove.run();
              yield bucket.purge(key, entry.get().revision());
            }
          };
      if (done) {
        return change;
      }
      LOG.debug("manifest_store_conflict key={} attempt={}", key, attempt);
      backoff(attempt);
    }
    throw new StoreConflictException(
        "gave up writing "
            + Subjects.MANIFEST_BUCKET
            + "/"
            + key
            + " after "
            + maxAttempts
            + " attempts: other schedulers kept changing it at the same time; retry the request");
  }

  /** Sleeps a random 1 ms to 2^attempt ms (at most 128), so racing writers fall out of step. */
  private static void backoff(int attempt) {
    long ceilingMillis = 1L << Math.min(attempt, 7);
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, ceilingMillis + 1) * 1_000_000L);
  }

  private boolean write(String key, Optional<KvEntry> entry, byte[] value) {
    return entry.isEmpty()
        ? bucket.create(key, value).isPresent()
        : bucket.update(key, value, entry.get().revision()).isPresent();
  }

  private static String tooLarge(StoredManifest stored, int size, long limit) {
    return "application "
        + stored.name()
        + " with "
        + stored.versions().size()
        + " versions would take "
        + size
        + " bytes, over the "
        + limit
        + " bytes a NATS message may carry here; delete old versions first";
  }

  /** How values of one kind of key are read and written. */
  private record Codec<S>(BiFunction<String, byte[], S> decode, Function<S, byte[]> encode) {}

  /** What a compare-and-swap attempt decided: leave the entry, write it, or remove it. */
  private sealed interface Change<S, T> {
    T result();

    record Keep<S, T>(T result) implements Change<S, T> {}

    record Write<S, T>(S next, T result) implements Change<S, T> {}

    record Remove<S, T>(T result) implements Change<S, T> {}
  }
}
