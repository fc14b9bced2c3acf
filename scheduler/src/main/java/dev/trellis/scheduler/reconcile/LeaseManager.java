package dev.trellis.scheduler.reconcile;

import dev.trellis.scheduler.store.JnatsAdapter;
import dev.trellis.scheduler.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica reconciles which application: a lease per app in the KV bucket {@value
 * ReconcileNames#LEASE_BUCKET}, value the holder's id, taken and renewed by compare-and-swap.
 *
 * <p>Why a KV lease rather than NATS queue-group ownership: a queue group spreads messages, not
 * keys, so two replicas could each receive a trigger for the same app; a lease names exactly one
 * owner per app, survives restarts, and can be inspected. The holder renews every third of the TTL.
 * Another replica takes over when the lease's revision has not changed for a whole TTL (as measured
 * on its own monotonic clock, so clock skew between machines does not matter), or at once when the
 * holder no longer answers its ping subject (NATS says "no responders" as soon as a killed
 * replica's connection drops). Safety does not rest on the lease alone: every decision is committed
 * by compare-and-swap on the app's placements ({@link PlacementStore}), so even two replicas that
 * both believe they hold a lease cannot both start the same instance.
 */
public final class LeaseManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseManager.class);
  private static final Duration PING_TIMEOUT = Duration.ofMillis(300);

  private final KvStore kv;
  private final JnatsAdapter nats;
  private final Connection connection;
  private final String lattice;
  private final String replicaId;
  private final Duration ttl;
  private final LongSupplier nanoTime;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService renewer;
  private final Dispatcher pings;

  private record Held(long revision, long renewedAt) {}

  private record Seen(long revision, long since) {}

  private LeaseManager(
      Connection connection,
      KvStore kv,
      String lattice,
      String replicaId,
      Duration ttl,
      LongSupplier nanoTime) {
    this.connection = connection;
    this.kv = kv;
    this.nats = new JnatsAdapter(connection);
    this.lattice = lattice;
    this.replicaId = replicaId;
    this.ttl = ttl;
    this.nanoTime = nanoTime;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("lease-renewer-" + replicaId).factory());
    this.pings =
        connection.createDispatcher(
            m -> {
              if (m.getReplyTo() != null) {
                connection.publish(m.getReplyTo(), replicaId.getBytes(StandardCharsets.UTF_8));
              }
            });
  }

  /**
   * Starts answering pings as {@code replicaId} and renewing the leases it takes; creates the lease
   * bucket with {@code storageReplicas} copies if it does not exist.
   */
  public static LeaseManager start(
      Connection connection,
      String lattice,
      String replicaId,
      Duration ttl,
      LongSupplier nanoTime,
      int storageReplicas) {
    KvStore kv =
        KvStore.open(connection, ReconcileNames.LEASE_BUCKET, StorageType.Memory, storageReplicas);
    LeaseManager leases = new LeaseManager(connection, kv, lattice, replicaId, ttl, nanoTime);
    leases.pings.subscribe(ReconcileNames.replicaPing(lattice, replicaId));
    new JnatsAdapter(connection).flush(Duration.ofSeconds(5));
    long period = Math.max(1, ttl.toMillis() / 3);
    leases.renewer.scheduleWithFixedDelay(leases::renewAll, period, period, TimeUnit.MILLISECONDS);
    return leases;
  }

  /** Whether this replica holds {@code app}'s lease now, taking it if it is free or abandoned. */
  public boolean tryHold(String app) {
    Held mine = held.get(app);
    if (mine != null && nanoTime.getAsLong() - mine.renewedAt() < ttl.toNanos() / 2) {
      return true;
    }
    String key = ReconcileNames.appKey(lattice, app);
    var entry = kv.get(key);
    if (entry.isEmpty()) {
      return record(app, kv.create(key, value()));
    }
    String holder = new String(entry.get().value(), StandardCharsets.UTF_8);
    long revision = entry.get().revision();
    if (holder.equals(replicaId) || abandoned(app, holder, revision)) {
      boolean taken = record(app, kv.update(key, value(), revision));
      if (taken && !holder.equals(replicaId)) {
        LOG.info("lease_taken_over app={} from={} to={}", app, holder, replicaId);
      }
      return taken;
    }
    held.remove(app);
    return false;
  }

  private boolean abandoned(String app, String holder, long revision) {
    long now = nanoTime.getAsLong();
    Seen last =
        seen.compute(
            app, (a, s) -> s == null || s.revision() != revision ? new Seen(revision, now) : s);
    if (now - last.since() >= ttl.toNanos()) {
      return true;
    }
    if (!dev.trellis.proto.Subjects.isToken(holder)) {
      return false;
    }
    try {
      return nats.request(
              ReconcileNames.replicaPing(lattice, holder), new Headers(), new byte[0], PING_TIMEOUT)
          instanceof JnatsAdapter.Reply.NoResponders;
    } catch (StoreException | IllegalArgumentException e) {
      return false;
    }
  }

  private boolean record(String app, java.util.OptionalLong revision) {
    if (revision.isEmpty()) {
      held.remove(app);
      return false;
    }
    held.put(app, new Held(revision.getAsLong(), nanoTime.getAsLong()));
    seen.remove(app);
    return true;
  }

  /** Gives up {@code app}'s lease, if held (once the app needs no more reconciling). */
  public void release(String app) {
    Held mine = held.remove(app);
    if (mine != null) {
      kv.delete(ReconcileNames.appKey(lattice, app), mine.revision());
    }
  }

  /** The apps whose leases this replica holds. */
  public Set<String> held() {
    return Set.copyOf(held.keySet());
  }

  private void renewAll() {
    for (var entry : Map.copyOf(held).entrySet()) {
      String app = entry.getKey();
      try {
        var renewed =
            kv.update(ReconcileNames.appKey(lattice, app), value(), entry.getValue().revision());
        if (renewed.isPresent()) {
          held.put(app, new Held(renewed.getAsLong(), nanoTime.getAsLong()));
        } else {
          held.remove(app);
          LOG.warn("lease_lost app={} replica={}", app, replicaId);
        }
      } catch (RuntimeException e) {
        LOG.warn("lease_renew_failed app={} replica={} error={}", app, replicaId, e.getMessage());
      }
    }
  }

  private byte[] value() {
    return replicaId.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops renewing and releases every lease, so another replica takes over at once. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      connection.closeDispatcher(pings);
    } catch (IllegalStateException e) {
      LOG.debug("lease_pings_already_closed error={}", e.getMessage());
    }
    for (String app : held()) {
      try {
        release(app);
      } catch (RuntimeException e) {
        LOG.warn("lease_release_failed app={} error={}", app, e.getMessage());
      }
    }
  }
}
