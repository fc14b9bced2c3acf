package dev.trellis.host.wasi;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code wasi:io} 0.2: {@code error}, {@code poll} and {@code streams}. The resource constants are
 * public so that other host plugins (HTTP bodies, messaging) hand their own {@link
 * WasiInputStream}s, {@link WasiOutputStream}s and {@link WasiPollable}s to guests through the same
 * resource types: every host interface of an instance shares one resource table.
 */
public final class WasiIo {
  /** {@code wasi:io/error.error}. */
  public static final HostResource<WasiError> ERROR = HostResource.of("error", WasiError.class);

  /** {@code wasi:io/poll.pollable}. */
  public static final HostResource<WasiPollable> POLLABLE =
      HostResource.of("pollable", WasiPollable.class);

  /** {@code wasi:io/streams.input-stream}; dropping it closes the stream. */
  public static final HostResource<WasiInputStream> INPUT_STREAM =
      HostResource.of("input-stream", WasiInputStream.class);

  /** {@code wasi:io/streams.output-stream}; dropping it closes the stream. */
  public static final HostResource<WasiOutputStream> OUTPUT_STREAM =
      HostResource.of("output-stream", WasiOutputStream.class);

  /** The most bytes one {@code write-zeroes} call may ask for. */
  private static final long MAX_ZEROES = Integer.MAX_VALUE;

  private WasiIo() {}

  /** {@code wasi:io/error}. */
  static HostInterface error(String version) {
    return HostInterface.builder("wasi:io/error@" + version)
        .resource(ERROR)
        .method(ERROR, "to-debug-string", (ctx, a) -> str(ERROR.get(ctx, a.get(0)).message()))
        .build();
  }

  /** {@code wasi:io/poll}. */
  static HostInterface poll(String version, Optional<WasiContext> fallback) {
    return HostInterface.builder("wasi:io/poll@" + version)
        .resource(POLLABLE)
        .method(POLLABLE, "ready", (ctx, a) -> WitValue.bool(POLLABLE.get(ctx, a.get(0)).ready()))
        .methodAction(POLLABLE, "block", (ctx, a) -> POLLABLE.get(ctx, a.get(0)).block())
        .function("poll", (ctx, a) -> poll(ctx, a.get(0), fallback))
        .build();
  }

  /** {@code wasi:io/streams}. */
  static HostInterface streams(String version) {
    HostInterface.Builder b =
        HostInterface.builder("wasi:io/streams@" + version)
            .resource(INPUT_STREAM)
            .resource(OUTPUT_STREAM);
    addInputMethods(b);
    addOutputMethods(b);
    return b.build();
  }

  private static void addInputMethods(HostInterface.Builder b) {
    b.method(INPUT_STREAM, "read", (ctx, a) -> readLike(ctx, a, false))
        .method(INPUT_STREAM, "blocking-read", (ctx, a) -> readLike(ctx, a, true))
        .method(
            INPUT_STREAM,
            "skip",
            (ctx, a) -> result(ctx, () -> u64(INPUT_STREAM.get(ctx, a.get(0)).skip(len(a.get(1))))))
        .method(
            INPUT_STREAM,
            "blocking-skip",
            (ctx, a) ->
                result(ctx, () -> u64(INPUT_STREAM.get(ctx, a.get(0)).blockingSkip(len(a.get(1))))))
        .method(
            INPUT_STREAM,
            "subscribe",
            (ctx, a) -> POLLABLE.own(ctx, INPUT_STREAM.get(ctx, a.get(0)).subscribe()));
  }

  private static void addOutputMethods(HostInterface.Builder b) {
    b.method(
            OUTPUT_STREAM,
            "check-write",
            (ctx, a) -> result(ctx, () -> u64(OUTPUT_STREAM.get(ctx, a.get(0)).checkWrite())))
        .method(OUTPUT_STREAM, "write", (ctx, a) -> write(ctx, a, false))
        .method(OUTPUT_STREAM, "blocking-write-and-flush", (ctx, a) -> write(ctx, a, true))
        .method(OUTPUT_STREAM, "flush", (ctx, a) -> unit(ctx, out(ctx, a)::flush))
        .method(OUTPUT_STREAM, "blocking-flush", (ctx, a) -> unit(ctx, out(ctx, a)::blockingFlush))
        .method(OUTPUT_STREAM, "subscribe", (ctx, a) -> POLLABLE.own(ctx, out(ctx, a).subscribe()))
        .method(OUTPUT_STREAM, "write-zeroes", (ctx, a) -> writeZeroes(ctx, a, false))
        .method(
            OUTPUT_STREAM, "blocking-write-zeroes-and-flush", (ctx, a) -> writeZeroes(ctx, a, true))
        .method(OUTPUT_STREAM, "splice", (ctx, a) -> splice(ctx, a, false))
        .method(OUTPUT_STREAM, "blocking-splice", (ctx, a) -> splice(ctx, a, true));
  }

  private static WitValue poll(CallContext ctx, WitValue list, Optional<WasiContext> fallback) {
    List<WitValue> handles = ((WitValue.ListValue) list).elements();
    if (handles.isEmpty()) {
      throw new HostException("poll was called with an empty list of pollables");
    }
    List<WasiPollable> pollables = new ArrayList<>(handles.size());
    handles.forEach(h -> pollables.add(POLLABLE.get(ctx, h)));
    MonotonicClock clock = WasiState.of(ctx, fallback).context().monotonicClock();
    List<WitValue> ready = new ArrayList<>();
    Pollables.poll(pollables, clock).forEach(i -> ready.add(WitValue.u32(i)));
    return new WitValue.ListValue(ready);
  }

  private static WitValue readLike(CallContext ctx, List<WitValue> a, boolean blocking) {
    WasiInputStream in = INPUT_STREAM.get(ctx, a.get(0));
    int max = Streams.chunk(WitArgs.u64(a.get(1)));
    // The stream hands the array over (see WasiInputStream#read): wrap it, the ABI copies it once.
    return result(
        ctx, () -> WitValue.ListValue.wrapBytes(blocking ? in.blockingRead(max) : in.read(max)));
  }

  private static WitValue write(CallContext ctx, List<WitValue> a, boolean flush) {
    WasiOutputStream out = out(ctx, a);
    byte[] bytes = WitArgs.bytes(a.get(1));
    return unit(
        ctx,
        () -> {
          out.write(bytes);
          if (flush) {
            out.blockingFlush();
          }
        });
  }

  private static WitValue writeZeroes(CallContext ctx, List<WitValue> a, boolean flush) {
    WasiOutputStream out = out(ctx, a);
    long length = WitArgs.u64(a.get(1));
    return unit(
        ctx,
        () -> {
          if (length < 0 || length > MAX_ZEROES) {
            throw WasiStreamException.failed(
                WasiError.of("write-zeroes of " + Long.toUnsignedString(length) + " bytes"));
          }
          for (long left = length; left > 0; left -= Streams.MAX_CHUNK) {
            out.write(new byte[(int) Math.min(left, Streams.MAX_CHUNK)]);
          }
          if (flush) {
            out.blockingFlush();
          }
        });
  }

  private static WitValue splice(CallContext ctx, List<WitValue> a, boolean blocking) {
    WasiOutputStream out = out(ctx, a);
    WasiInputStream in = INPUT_STREAM.get(ctx, a.get(1));
    long length = WitArgs.u64(a.get(2));
    return result(
        ctx,
        () -> {
          int max = (int) Math.min(Streams.chunk(length), Math.max(0, out.checkWrite()));
          byte[] bytes = blocking ? in.blockingRead(max) : in.read(max);
          out.write(bytes);
          if (blocking) {
            out.blockingFlush();
          }
          return u64(bytes.length);
        });
  }

  private static WasiOutputStream out(CallContext ctx, List<WitValue> a) {
    return OUTPUT_STREAM.get(ctx, a.get(0));
  }

  private static long len(WitValue v) {
    long n = WitArgs.u64(v);
    return n < 0 ? Long.MAX_VALUE : n;
  }

  /** {@code ok(op())} or {@code err(stream-error)}. */
  static WitValue result(CallContext ctx, Supplier<WitValue> op) {
    try {
      return WitValue.ok(op.get());
    } catch (WasiStreamException e) {
      return WitValue.err(streamError(ctx, e.error()));
    }
  }

  /** {@code ok()} after {@code op} or {@code err(stream-error)}. */
  static WitValue unit(CallContext ctx, Runnable op) {
    try {
      op.run();
      return WitValue.ok();
    } catch (WasiStreamException e) {
      return WitValue.err(streamError(ctx, e.error()));
    }
  }

  private static WitValue streamError(CallContext ctx, StreamError error) {
    return switch (error) {
      case StreamError.Closed c -> WitValue.variant("closed");
      case StreamError.Failed f ->
          WitValue.variant("last-operation-failed", ERROR.own(ctx, f.error()));
    };
  }

  private static WitValue u64(long value) {
    return WitValue.u64(value);
  }

  private static WitValue str(String value) {
    return WitValue.string(value);
  }
}
