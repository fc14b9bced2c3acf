package dev.trellis.host.wasi;

import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code wasi:filesystem} 0.2: {@code types} (descriptors confined to their preopen, directory
 * entry streams, {@code filesystem-error-code}) and {@code preopens}, which hands out exactly the
 * directories of the instance's {@link WasiContext}. This class converts between WIT values and
 * {@link FsOps}; failures become {@code error-code} results, never traps.
 */
final class WasiFilesystem {
  private static final Logger LOG = LoggerFactory.getLogger(WasiFilesystem.class);

  static final HostResource<Descriptor> DESCRIPTOR =
      HostResource.of("descriptor", Descriptor.class);
  static final HostResource<DirectoryEntries> DIRECTORY_ENTRY_STREAM =
      HostResource.of("directory-entry-stream", DirectoryEntries.class);

  private WasiFilesystem() {}

  static List<HostInterface> interfaces(String version, Optional<WasiContext> fallback) {
    HostInterface.Builder types =
        HostInterface.builder("wasi:filesystem/types@" + version)
            .resource(DESCRIPTOR)
            .resource(DIRECTORY_ENTRY_STREAM);
    FilesystemMethods.addStreamsAndData(types);
    FilesystemMethods.addPathOperations(types, fallback);
    types
        .method(
            DIRECTORY_ENTRY_STREAM,
            "read-directory-entry",
            (ctx, a) -> fs(ctx, () -> DIRECTORY_ENTRY_STREAM.get(ctx, a.get(0)).next()))
        .function("filesystem-error-code", (ctx, a) -> errorCode(ctx, a.get(0)));
    HostInterface preopens =
        HostInterface.builder("wasi:filesystem/preopens@" + version)
            .function("get-directories", (ctx, a) -> directories(ctx, fallback))
            .build();
    return List.of(types.build(), preopens);
  }

  private static WitValue directories(CallContext ctx, Optional<WasiContext> fallback) {
    List<WitValue> out = new ArrayList<>();
    for (Preopen p : WasiState.of(ctx, fallback).context().preopens()) {
      out.add(
          WitValue.tuple(DESCRIPTOR.own(ctx, Descriptor.root(p)), WitValue.string(p.guestPath())));
    }
    return new WitValue.ListValue(out);
  }

  private static WitValue errorCode(CallContext ctx, WitValue error) {
    Optional<ErrorCode> code = WasiIo.ERROR.get(ctx, error).code();
    return new WitValue.OptionValue(code.map(c -> WitValue.enumCase(c.witName())));
  }

  /** {@code ok(op())}, or {@code err(error-code)} if it throws an {@link FsException}. */
  static WitValue fs(CallContext ctx, Supplier<WitValue> op) {
    return guard(ctx, () -> WitValue.ok(op.get()));
  }

  /** {@code ok()} after {@code op}, or {@code err(error-code)}. */
  static WitValue fsUnit(CallContext ctx, Runnable op) {
    return guard(
        ctx,
        () -> {
          op.run();
          return WitValue.ok();
        });
  }

  private static WitValue guard(CallContext ctx, Supplier<WitValue> op) {
    try {
      return op.get();
    } catch (FsException e) {
      if (e.code() == ErrorCode.NOT_PERMITTED) {
        LOG.info(
            "wasi filesystem access refused component={} function={} reason={}",
            ctx.componentName(),
            ctx.functionName(),
            e.getMessage());
      } else {
        LOG.debug(
            "wasi filesystem error component={} function={} reason={}",
            ctx.componentName(),
            ctx.functionName(),
            e.getMessage());
      }
      return WitValue.err(WitValue.enumCase(e.code().witName()));
    }
  }

  static WitValue stat(FileStat s) {
    return WitValue.record(
        WitValue.field("type", WitValue.enumCase(s.type().witName())),
        WitValue.field("link-count", WitValue.u64(s.linkCount())),
        WitValue.field("size", WitValue.u64(s.size())),
        WitValue.field("data-access-timestamp", time(s.accessed())),
        WitValue.field("data-modification-timestamp", time(s.modified())),
        WitValue.field("status-change-timestamp", time(s.changed())));
  }

  private static WitValue time(Optional<Instant> t) {
    return new WitValue.OptionValue(t.map(WasiClocks::datetime));
  }

  static WitValue hash(long[] h) {
    return WitValue.record(
        WitValue.field("lower", WitValue.u64(h[0])), WitValue.field("upper", WitValue.u64(h[1])));
  }

  static Set<String> flags(WitValue v) {
    return ((WitValue.FlagsValue) v).flags();
  }

  static boolean follow(WitValue pathFlags) {
    return flags(pathFlags).contains("symlink-follow");
  }

  static long offset(WitValue v) {
    long n = WitArgs.u64(v);
    if (n < 0) {
      throw new FsException(ErrorCode.INVALID, "offset " + Long.toUnsignedString(n) + " too large");
    }
    return n;
  }
}
