package dev.trellis.wrpc.nats;

import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.codec.IndexPattern;
import io.nats.client.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The local end of one invocation: its reply base ({@code R_c} for a client, {@code R_s} for a
 * server) and the channels under it. The base itself carries the handshake; {@code base.results}
 * (or {@code base.params}) the sync values; {@code base.results.<path>} the futures and streams at
 * paths the function's types allow. Channels are made when their first message arrives or when a
 * decoder asks for them, whichever comes first, so nothing that arrives early is lost.
 */
final class Exchange implements AutoCloseable {
  /** Subject part under which a consumer's credits reach this (producing) side. */
  static final String CREDIT = "credit.";

  private final Demux demux;
  private final String id;
  private final String base;
  private final String syncName;
  private final List<IndexPattern> patterns;
  private final long maxBuffered;
  private final CompletableFuture<Message> handshake = new CompletableFuture<>();
  private final ConcurrentHashMap<String, InboundChannel> channels = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CreditGate> gates = new ConcurrentHashMap<>();

  Exchange(
      Demux demux,
      String id,
      String base,
      String syncName,
      List<IndexPattern> patterns,
      long maxBuffered) {
    this.demux = demux;
    this.id = id;
    this.base = base;
    this.syncName = syncName;
    this.patterns = List.copyOf(patterns);
    this.maxBuffered = maxBuffered;
  }

  /** The reply base: {@code R_c} or {@code R_s}. */
  String base() {
    return base;
  }

  /** Routes a message whose subject is {@code base} or {@code base.<suffix>}. */
  void accept(String suffix, Message message) {
    if (suffix.isEmpty()) {
      handshake.complete(message);
      return;
    }
    if (suffix.startsWith(CREDIT)) {
      credit(suffix.substring(CREDIT.length()), message);
      return;
    }
    routable(suffix).ifPresent(channel -> channel.offer(message));
  }

  /** The sync channel ({@code base.results} or {@code base.params}). */
  InboundChannel sync() {
    return channel(syncName);
  }

  /** The channel of the future or stream at {@code path}. */
  InboundChannel async(IndexPath path) {
    return channel(syncName + "." + path.toSubjectSuffix());
  }

  /**
   * A gate for the outgoing channel {@code channel} (e.g. {@code results.0}), opened by credits
   * arriving on {@code base.credit.<channel>}.
   */
  CreditGate gate(String channel, long window, java.time.Duration idleTimeout) {
    return gates.computeIfAbsent(
        channel, c -> new CreditGate(base + "." + CREDIT + c, window, idleTimeout));
  }

  private void credit(String channel, Message message) {
    CreditGate gate = gates.get(channel);
    byte[] data = message.getData();
    if (gate == null || data == null || data.length == 0 || data.length > 19) {
      return;
    }
    String text = new String(data, java.nio.charset.StandardCharsets.US_ASCII);
    if (text.chars().allMatch(Character::isDigit)) {
      gate.credit(Long.parseLong(text));
    }
  }

  /** Waits for the server's handshake (client side). */
  Message awaitHandshake(long deadlineNanos, Supplier<WrpcCallException> timeout) {
    try {
      long left = Math.max(0, deadlineNanos - System.nanoTime());
      return handshake.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw timeout.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WrpcCallException.Transport(base, "interrupted while waiting for handshake", e);
    } catch (ExecutionException e) {
      throw new WrpcCallException.Transport(base, "handshake failed: " + e.getCause(), e);
    }
  }

  private InboundChannel channel(String suffix) {
    return channels.computeIfAbsent(suffix, s -> new InboundChannel(base + "." + s, maxBuffered));
  }

  private Optional<InboundChannel> routable(String suffix) {
    if (suffix.equals(syncName)) {
      return Optional.of(channel(suffix));
    }
    InboundChannel known = channels.get(suffix);
    if (known != null) {
      return Optional.of(known);
    }
    if (!suffix.startsWith(syncName + ".")) {
      return Optional.empty();
    }
    Optional<IndexPath> path = parsePath(suffix.substring(syncName.length() + 1));
    if (path.isPresent() && patterns.stream().anyMatch(p -> p.matches(path.get()))) {
      return Optional.of(channel(suffix));
    }
    return Optional.empty();
  }

  private static Optional<IndexPath> parsePath(String text) {
    List<Integer> indices = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      if (part.isEmpty() || part.length() > 9 || !part.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      indices.add(Integer.parseInt(part));
    }
    return Optional.of(new IndexPath(indices));
  }

  /** Stops routing to this exchange; waiting readers fail. */
  @Override
  public void close() {
    demux.remove(id);
    handshake.completeExceptionally(new IllegalStateException("invocation closed"));
    WrpcCallException closed =
        new WrpcCallException.Transport(base, "the invocation was closed", null);
    channels.values().forEach(c -> c.fail(closed));
    gates.values().forEach(g -> g.fail(closed));
  }
}
