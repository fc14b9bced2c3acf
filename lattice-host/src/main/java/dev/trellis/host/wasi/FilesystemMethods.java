package dev.trellis.host.wasi;

import static dev.trellis.host.wasi.WasiFilesystem.DESCRIPTOR;
import static dev.trellis.host.wasi.WasiFilesystem.fs;
import static dev.trellis.host.wasi.WasiFilesystem.fsUnit;

import dev.trellis.host.HostException;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code [method]descriptor.*} functions of {@code wasi:filesystem/types}, split from {@link
 * WasiFilesystem} to keep both readable: each decodes its arguments, makes one {@link FsOps} call
 * and encodes the result.
 */
final class FilesystemMethods {
  private FilesystemMethods() {}

  /** Streams, positional I/O, flags, type, size, sync, advice, stat and identity. */
  static void addStreamsAndData(HostInterface.Builder b) {
    b.method(DESCRIPTOR, "read-via-stream", FilesystemMethods::readViaStream)
        .method(DESCRIPTOR, "write-via-stream", FilesystemMethods::writeViaStream)
        .method(DESCRIPTOR, "append-via-stream", FilesystemMethods::appendViaStream)
        .method(DESCRIPTOR, "advise", (ctx, a) -> fsUnit(ctx, () -> d(ctx, a).requireFile()))
        .method(
            DESCRIPTOR, "sync-data", (ctx, a) -> fsUnit(ctx, () -> FsOps.sync(d(ctx, a), false)))
        .method(DESCRIPTOR, "sync", (ctx, a) -> fsUnit(ctx, () -> FsOps.sync(d(ctx, a), true)))
        .method(DESCRIPTOR, "get-flags", (ctx, a) -> fs(ctx, () -> flags(d(ctx, a))))
        .method(DESCRIPTOR, "get-type", (ctx, a) -> fs(ctx, () -> type(d(ctx, a))))
        .method(DESCRIPTOR, "set-size", FilesystemMethods::setSize)
        .method(DESCRIPTOR, "read", FilesystemMethods::read)
        .method(DESCRIPTOR, "write", FilesystemMethods::write)
        .method(DESCRIPTOR, "read-directory", FilesystemMethods::readDirectory)
        .method(DESCRIPTOR, "stat", FilesystemMethods::stat)
        .method(DESCRIPTOR, "is-same-object", FilesystemMethods::isSameObject)
        .method(DESCRIPTOR, "metadata-hash", FilesystemMethods::metadataHash);
  }

  /** Everything taking a path relative to a directory descriptor. */
  static void addPathOperations(HostInterface.Builder b, Optional<WasiContext> fallback) {
    b.method(DESCRIPTOR, "create-directory-at", FilesystemMethods::createDirectoryAt)
        .method(DESCRIPTOR, "stat-at", FilesystemMethods::statAt)
        .method(DESCRIPTOR, "metadata-hash-at", FilesystemMethods::metadataHashAt)
        .method(DESCRIPTOR, "open-at", FilesystemMethods::openAt)
        .method(DESCRIPTOR, "readlink-at", FilesystemMethods::readlinkAt)
        .method(DESCRIPTOR, "remove-directory-at", FilesystemMethods::removeDirectoryAt)
        .method(DESCRIPTOR, "unlink-file-at", FilesystemMethods::unlinkFileAt)
        .method(DESCRIPTOR, "rename-at", FilesystemMethods::renameAt)
        .method(DESCRIPTOR, "link-at", FilesystemMethods::linkAt)
        .method(DESCRIPTOR, "symlink-at", FilesystemMethods::symlinkAt)
        .method(DESCRIPTOR, "set-times", (ctx, a) -> setTimes(ctx, a, fallback, false))
        .method(DESCRIPTOR, "set-times-at", (ctx, a) -> setTimes(ctx, a, fallback, true));
  }

  private static WitValue readViaStream(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> {
          WasiInputStream in = FileStreams.reader(FsOps.readable(d(ctx, a)), offset(a, 1));
          return WasiIo.INPUT_STREAM.own(ctx, in);
        });
  }

  private static WitValue writeViaStream(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> {
          WasiOutputStream out = FileStreams.writer(FsOps.writable(d(ctx, a)), offset(a, 1));
          return WasiIo.OUTPUT_STREAM.own(ctx, out);
        });
  }

  private static WitValue appendViaStream(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx, () -> WasiIo.OUTPUT_STREAM.own(ctx, FileStreams.appender(FsOps.writable(d(ctx, a)))));
  }

  private static WitValue setSize(CallContext ctx, List<WitValue> a) {
    return fsUnit(ctx, () -> FsOps.setSize(d(ctx, a), offset(a, 1)));
  }

  private static WitValue read(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> {
          int length = Streams.chunk(WitArgs.u64(a.get(1)));
          FsOps.Chunk chunk = FsOps.read(d(ctx, a), length, offset(a, 2));
          return WitValue.tuple(WitArgs.bytesValue(chunk.bytes()), WitValue.bool(chunk.end()));
        });
  }

  private static WitValue write(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx, () -> WitValue.u64(FsOps.write(d(ctx, a), WitArgs.bytes(a.get(1)), offset(a, 2))));
  }

  private static WitValue readDirectory(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> {
          Descriptor dir = d(ctx, a);
          DirectoryEntries entries = new DirectoryEntries(dir.host(), FsOps.list(dir));
          return WasiFilesystem.DIRECTORY_ENTRY_STREAM.own(ctx, entries);
        });
  }

  private static WitValue stat(CallContext ctx, List<WitValue> a) {
    return fs(ctx, () -> WasiFilesystem.stat(FsOps.stat(d(ctx, a))));
  }

  private static WitValue metadataHash(CallContext ctx, List<WitValue> a) {
    return fs(ctx, () -> WasiFilesystem.hash(FsOps.stat(d(ctx, a)).metadataHash()));
  }

  private static WitValue isSameObject(CallContext ctx, List<WitValue> a) {
    try {
      return WitValue.bool(FsOps.isSameObject(d(ctx, a), DESCRIPTOR.get(ctx, a.get(1))));
    } catch (FsException e) {
      return WitValue.bool(false); // an object that cannot be inspected is not provably the same
    }
  }

  private static WitValue createDirectoryAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(ctx, () -> FsOps.createDirectoryAt(d(ctx, a), str(a, 1)));
  }

  private static WitValue statAt(CallContext ctx, List<WitValue> a) {
    return fs(ctx, () -> WasiFilesystem.stat(FsOps.statAt(d(ctx, a), follow(a, 1), str(a, 2))));
  }

  private static WitValue metadataHashAt(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> WasiFilesystem.hash(FsOps.statAt(d(ctx, a), follow(a, 1), str(a, 2)).metadataHash()));
  }

  private static WitValue openAt(CallContext ctx, List<WitValue> a) {
    return fs(
        ctx,
        () -> {
          Descriptor opened =
              FsOps.openAt(
                  d(ctx, a),
                  follow(a, 1),
                  str(a, 2),
                  FsOps.OpenFlags.fromWit(WasiFilesystem.flags(a.get(3))),
                  Descriptor.Flag.fromWit(WasiFilesystem.flags(a.get(4))));
          return DESCRIPTOR.own(ctx, opened);
        });
  }

  private static WitValue readlinkAt(CallContext ctx, List<WitValue> a) {
    return fs(ctx, () -> WitValue.string(FsOps.readlinkAt(d(ctx, a), str(a, 1))));
  }

  private static WitValue removeDirectoryAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(ctx, () -> FsOps.removeDirectoryAt(d(ctx, a), str(a, 1)));
  }

  private static WitValue unlinkFileAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(ctx, () -> FsOps.unlinkFileAt(d(ctx, a), str(a, 1)));
  }

  private static WitValue renameAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(
        ctx, () -> FsOps.renameAt(d(ctx, a), str(a, 1), DESCRIPTOR.get(ctx, a.get(2)), str(a, 3)));
  }

  private static WitValue linkAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(
        ctx,
        () ->
            FsOps.linkAt(
                d(ctx, a), follow(a, 1), str(a, 2), DESCRIPTOR.get(ctx, a.get(3)), str(a, 4)));
  }

  private static WitValue symlinkAt(CallContext ctx, List<WitValue> a) {
    return fsUnit(ctx, () -> FsOps.symlinkAt(d(ctx, a), str(a, 1), str(a, 2)));
  }

  private static WitValue setTimes(
      CallContext ctx, List<WitValue> a, Optional<WasiContext> fallback, boolean at) {
    return fsUnit(
        ctx,
        () -> {
          Descriptor d = d(ctx, a);
          if (d.preopen().readOnly()) {
            throw new FsException(ErrorCode.READ_ONLY, "setting times in a read-only preopen");
          }
          int first = at ? 3 : 1;
          FsOps.setTimes(
              at ? d.resolve(str(a, 2), follow(a, 1)).host() : d.host(),
              !at || follow(a, 1),
              timestamp(a.get(first)),
              timestamp(a.get(first + 1)),
              WasiState.of(ctx, fallback).context().wallClock().instant());
        });
  }

  private static WitValue flags(Descriptor d) {
    return new WitValue.FlagsValue(
        new LinkedHashSet<>(d.flags().stream().map(Descriptor.Flag::witName).toList()));
  }

  private static WitValue type(Descriptor d) {
    FileStat.Type type = d.isDirectory() ? FileStat.Type.DIRECTORY : FsOps.stat(d).type();
    return WitValue.enumCase(type.witName());
  }

  private static FsOps.NewTimestamp timestamp(WitValue v) {
    WitValue.VariantValue variant = (WitValue.VariantValue) v;
    return switch (variant.caseName()) {
      case "no-change" -> new FsOps.NewTimestamp.NoChange();
      case "now" -> new FsOps.NewTimestamp.Now();
      case "timestamp" -> new FsOps.NewTimestamp.At(instant(variant.payload().orElseThrow()));
      default -> throw new HostException("unknown new-timestamp case " + variant.caseName());
    };
  }

  private static Instant instant(WitValue datetime) {
    List<WitValue.RecordValue.Field> fields = ((WitValue.RecordValue) datetime).fields();
    long seconds = WitArgs.u64(fields.get(0).value());
    long nanos = WitArgs.u32(fields.get(1).value());
    try {
      if (seconds < 0) {
        throw new DateTimeException("seconds beyond 2^63");
      }
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new FsException(ErrorCode.OVERFLOW, "timestamp out of range", e);
    }
  }

  private static Descriptor d(CallContext ctx, List<WitValue> a) {
    return DESCRIPTOR.get(ctx, a.get(0));
  }

  private static String str(List<WitValue> a, int i) {
    return WitArgs.string(a.get(i));
  }

  private static boolean follow(List<WitValue> a, int i) {
    return WasiFilesystem.follow(a.get(i));
  }

  private static long offset(List<WitValue> a, int i) {
    return WasiFilesystem.offset(a.get(i));
  }
}
