package dev.trellis.scheduler.reconcile;

import dev.trellis.proto.MalformedMessageException;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects;
import dev.trellis.proto.v2.HostHeartbeat;
import dev.trellis.scheduler.inventory.HostInventory;
import dev.trellis.scheduler.inventory.HostView;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which hosts are live, noticed fast. Three signals: published heartbeats (a new or returning host
 * is live at its first beat), a liveness probe every {@code probeInterval} ({@code
 * runtime.host.{id}.heartbeat} as a request: a host killed with {@code kill -9} loses its
 * subscriptions the moment its TCP connection drops, so the server answers "no responders" at
 * once), and the heartbeat TTL (three of the host's intervals) as the fallback. A host that keeps
 * timing out ({@code unresponsiveAfter} probes in a row, e.g. partitioned) is taken as gone too.
 *
 * <p>Why not NATS system events: {@code $SYS.ACCOUNT.*.DISCONNECT} is only delivered inside the
 * system account; nats-server 2.9.10 started without a config gives an ordinary client none of it.
 * The probe needs no server config and works for any host that speaks the Host API.
 */
public final class HostMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HostMonitor.class);
  private static final int TTL_INTERVALS = HostInventory.TTL_INTERVALS;
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(15);

  private final HostApiClient hosts;
  private final Clock clock;
  private final Settings settings;
  private final Runnable onChange;
  private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
  private final AtomicReference<Map<String, Map<String, String>>> lastLive =
      new AtomicReference<>(Map.of());
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timer;
  private final Connection connection;
  private final Dispatcher dispatcher;

  /**
   * How the monitor probes.
   *
   * @param probeInterval how often every known host is probed
   * @param probeTimeout how long a probe waits for its answer
   * @param unresponsiveAfter probes timing out in a row that make a host gone
   * @param forgetAfter how long a gone host is remembered (to notice its return)
   */
  public record Settings(
      Duration probeInterval, Duration probeTimeout, int unresponsiveAfter, Duration forgetAfter) {
    public Settings {
      Objects.requireNonNull(probeInterval, "probeInterval");
      Objects.requireNonNull(probeTimeout, "probeTimeout");
      Objects.requireNonNull(forgetAfter, "forgetAfter");
      if (unresponsiveAfter < 1) {
        throw new IllegalArgumentException("unresponsiveAfter must be >= 1");
      }
    }
  }

  private record Tracked(
      HostHeartbeat beat, Instant lastSeen, Duration interval, boolean gone, int timeouts) {}

  private HostMonitor(
      Connection connection,
      HostApiClient hosts,
      Clock clock,
      Settings settings,
      Runnable onChange) {
    this.connection = connection;
    this.hosts = hosts;
    this.clock = clock;
    this.settings = settings;
    this.onChange = onChange;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("host-monitor").factory());
    this.dispatcher = connection.createDispatcher(this::onHeartbeat);
  }

  /**
   * Starts monitoring: seeds the hosts from the heartbeat stream, probes them once (so a host that
   * died while no scheduler ran is never taken as live), then follows heartbeats and probes. {@code
   * onChange} runs whenever the set of live hosts or their labels change.
   */
  public static HostMonitor start(
      Connection connection,
      HostApiClient hosts,
      Clock clock,
      Settings settings,
      Runnable onChange) {
    HostMonitor monitor = new HostMonitor(connection, hosts, clock, settings, onChange);
    // Subscribe before reading the stored history, so a beat published in between is not missed
    // until the host's next one; a live beat already received wins over the stored one.
    monitor.dispatcher.subscribe(Subjects.allHeartbeats(hosts.lattice()));
    for (HostView view : new HostInventory(connection, clock, hosts.lattice()).lastHeartbeats()) {
      if (Subjects.isToken(view.hostId())) {
        monitor.tracked.putIfAbsent(
            view.hostId(),
            new Tracked(view.heartbeat(), view.lastSeen(), view.interval(), false, 0));
      }
    }
    monitor.probeAll();
    long period = settings.probeInterval().toMillis();
    monitor.timer.scheduleWithFixedDelay(monitor::probeAll, period, period, TimeUnit.MILLISECONDS);
    return monitor;
  }

  /** The live hosts, by id. */
  public Map<String, HostState> liveHosts() {
    Instant now = clock.instant();
    Map<String, HostState> live = new TreeMap<>();
    tracked.forEach(
        (id, t) -> {
          if (isLive(t, now)) {
            live.put(id, HostState.of(id, t.beat()));
          }
        });
    return live;
  }

  private boolean isLive(Tracked t, Instant now) {
    Duration ttl = t.interval().multipliedBy(TTL_INTERVALS);
    return !t.gone()
        && t.timeouts() < settings.unresponsiveAfter()
        && Duration.between(t.lastSeen(), now).compareTo(ttl) < 0;
  }

  private void onHeartbeat(Message message) {
    String hostId = Subjects.hostIdOfHeartbeat(hosts.lattice(), message.getSubject());
    if (!Subjects.isToken(hostId)) {
      return;
    }
    HostHeartbeat beat;
    try {
      beat = ProtoJson.decode(message.getData(), HostHeartbeat.getDefaultInstance());
    } catch (MalformedMessageException e) {
      LOG.warn("heartbeat_ignored host_id={} error={}", hostId, e.getMessage());
      return;
    }
    Duration interval = interval(message);
    tracked.put(hostId, new Tracked(beat, clock.instant(), interval, false, 0));
    signalIfChanged();
  }

  private static Duration interval(Message message) {
    String value =
        message.getHeaders() == null
            ? null
            : message.getHeaders().getFirst(Subjects.HEARTBEAT_INTERVAL_HEADER);
    try {
      long millis = value == null ? 0 : Long.parseLong(value.strip());
      return millis > 0 ? Duration.ofMillis(millis) : DEFAULT_INTERVAL;
    } catch (NumberFormatException e) {
      return DEFAULT_INTERVAL;
    }
  }

  private void probeAll() {
    try {
      List<Future<?>> running = new ArrayList<>();
      for (String hostId : List.copyOf(tracked.keySet())) {
        running.add(probes.submit(() -> probe(hostId)));
      }
      for (Future<?> future : running) {
        future.get(settings.probeTimeout().multipliedBy(4).toMillis(), TimeUnit.MILLISECONDS);
      }
      forgetOld();
      signalIfChanged();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException
        | java.util.concurrent.TimeoutException
        | java.util.concurrent.RejectedExecutionException e) {
      LOG.warn("host_probe_round_failed error={}", e.toString());
    }
  }

  private void probe(String hostId) {
    HostCall<HostHeartbeat> answer = hosts.heartbeat(hostId, settings.probeTimeout());
    Instant now = clock.instant();
    tracked.computeIfPresent(
        hostId,
        (id, t) ->
            switch (answer) {
              case HostCall.Answered<HostHeartbeat> beat ->
                  new Tracked(
                      beat.value().getId().isEmpty() ? t.beat() : beat.value(),
                      now,
                      t.interval(),
                      false,
                      0);
              case HostCall.NoResponders<HostHeartbeat> none ->
                  new Tracked(t.beat(), t.lastSeen(), t.interval(), true, t.timeouts());
              case HostCall.TimedOut<HostHeartbeat> slow ->
                  new Tracked(t.beat(), t.lastSeen(), t.interval(), t.gone(), t.timeouts() + 1);
              case HostCall.Failed<HostHeartbeat> failed -> t;
            });
  }

  private void forgetOld() {
    Instant now = clock.instant();
    tracked
        .entrySet()
        .removeIf(
            e ->
                !isLive(e.getValue(), now)
                    && Duration.between(e.getValue().lastSeen(), now)
                            .compareTo(settings.forgetAfter())
                        > 0);
  }

  private void signalIfChanged() {
    Map<String, Map<String, String>> live = new TreeMap<>();
    liveHosts().forEach((id, host) -> live.put(id, host.labels()));
    Map<String, Map<String, String>> previous = lastLive.getAndSet(Map.copyOf(live));
    if (!previous.equals(live)) {
      LOG.info("live_hosts_changed live={} previous={}", live.keySet(), previous.keySet());
      probes.execute(onChange);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      connection.closeDispatcher(dispatcher);
    } catch (IllegalStateException e) {
      LOG.debug("host_monitor_dispatcher_already_closed error={}", e.getMessage());
    }
    probes.shutdownNow();
  }
}
