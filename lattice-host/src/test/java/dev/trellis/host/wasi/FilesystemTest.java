package dev.trellis.host.wasi;

import static dev.trellis.host.wasi.HostCalls.errCase;
import static dev.trellis.host.wasi.HostCalls.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.engine.spi.WitArgs;
import dev.trellis.wrpc.wit.WitValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code wasi:filesystem} on real files: confinement, read-only preopens, reads and writes. */
class FilesystemTest {
  private static final String TYPES = "wasi:filesystem/types";
  private static final WitValue FOLLOW = new WitValue.FlagsValue(Set.of("symlink-follow"));
  private static final WitValue NO_FOLLOW = new WitValue.FlagsValue(Set.of());

  @TempDir Path tmp;
  private Path root;

  @BeforeEach
  void files() throws IOException {
    root = Files.createDirectory(tmp.resolve("root"));
    Files.writeString(root.resolve("in.txt"), "hello");
    Files.createDirectory(root.resolve("sub"));
    Files.writeString(root.resolve("sub/deep.txt"), "deep");
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(root.resolve("out-link"), Path.of("../secret.txt"));
    Files.createSymbolicLink(root.resolve("deep-out-link"), Path.of("sub/../../secret.txt"));
    Files.createSymbolicLink(root.resolve("abs-link"), tmp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("in-link"), Path.of("in.txt"));
    Files.createSymbolicLink(root.resolve("sub-link"), Path.of("sub"));
    Files.createSymbolicLink(root.resolve("loop"), Path.of("loop"));
  }

  private HostCalls calls(boolean readOnly) {
    WasiContext.Builder b = WasiContext.builder();
    return new HostCalls(
        (readOnly ? b.preopenReadOnly(root, "/data") : b.preopen(root, "/data")).build());
  }

  /** The preopened directory's descriptor. */
  private static WitValue dir(HostCalls c) {
    WitValue.ListValue dirs =
        (WitValue.ListValue) c.call("wasi:filesystem/preopens", "get-directories");
    List<WitValue> pair = ((WitValue.TupleValue) dirs.elements().get(0)).elements();
    assertEquals(WitValue.string("/data"), pair.get(1));
    return pair.get(0);
  }

  private static WitValue open(
      HostCalls c, WitValue dir, WitValue pathFlags, String path, Set<String> open, String... f) {
    return c.call(
        TYPES,
        "[method]descriptor.open-at",
        dir,
        pathFlags,
        WitValue.string(path),
        new WitValue.FlagsValue(open),
        new WitValue.FlagsValue(Set.of(f)));
  }

  private static String readAll(HostCalls c, WitValue file) {
    WitValue r =
        ok(c.call(TYPES, "[method]descriptor.read", file, WitValue.u64(100), WitValue.u64(0)));
    List<WitValue> t = ((WitValue.TupleValue) r).elements();
    byte[] bytes = WitArgs.bytes(t.get(0));
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void withoutPreopensThereAreNoDirectories() {
    HostCalls c = new HostCalls(WasiContext.empty());
    assertEquals(
        new WitValue.ListValue(List.of()), c.call("wasi:filesystem/preopens", "get-directories"));
  }

  @Test
  void readsFilesInsideThePreopenAndThroughInnerLinks() {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    assertEquals("hello", readAll(c, ok(open(c, d, FOLLOW, "in.txt", Set.of(), "read"))));
    assertEquals("hello", readAll(c, ok(open(c, d, FOLLOW, "in-link", Set.of(), "read"))));
    assertEquals("deep", readAll(c, ok(open(c, d, FOLLOW, "sub-link/deep.txt", Set.of(), "read"))));
    assertEquals("hello", readAll(c, ok(open(c, d, FOLLOW, "sub/../in.txt", Set.of(), "read"))));
    assertEquals(
        "hello", readAll(c, ok(open(c, d, FOLLOW, "./sub/./../in.txt", Set.of(), "read"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../secret.txt",
        "sub/../../secret.txt",
        "sub/../sub/../../root/in.txt",
        "/etc/passwd",
        "/data/in.txt",
        "out-link",
        "deep-out-link",
        "abs-link",
        "sub-link/../../secret.txt",
        ".."
      })
  void escapesAreNotPermitted(String path) {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    assertEquals("not-permitted", errCase(open(c, d, FOLLOW, path, Set.of(), "read")));
    assertEquals(
        "not-permitted",
        errCase(c.call(TYPES, "[method]descriptor.stat-at", d, FOLLOW, WitValue.string(path))));
  }

  @Test
  void escapesFromASubdirectoryDescriptorAreNotPermittedEither() {
    HostCalls c = calls(false);
    WitValue sub = ok(open(c, dir(c), FOLLOW, "sub", Set.of("directory"), "read"));
    assertEquals("deep", readAll(c, ok(open(c, sub, FOLLOW, "deep.txt", Set.of(), "read"))));
    assertEquals("hello", readAll(c, ok(open(c, sub, FOLLOW, "../in.txt", Set.of(), "read"))));
    assertEquals(
        "not-permitted", errCase(open(c, sub, FOLLOW, "../../secret.txt", Set.of(), "read")));
  }

  @Test
  void linksAreNotFollowedWhenNotAskedAndLoopsAreDetected() {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    assertEquals("loop", errCase(open(c, d, NO_FOLLOW, "out-link", Set.of(), "read")));
    assertEquals("loop", errCase(open(c, d, FOLLOW, "loop", Set.of(), "read")));
    WitValue stat =
        ok(c.call(TYPES, "[method]descriptor.stat-at", d, NO_FOLLOW, WitValue.string("out-link")));
    assertEquals(
        WitValue.enumCase("symbolic-link"), ((WitValue.RecordValue) stat).fields().get(0).value());
    assertEquals(
        WitValue.string("../secret.txt"),
        ok(c.call(TYPES, "[method]descriptor.readlink-at", d, WitValue.string("out-link"))));
    assertEquals(
        "not-permitted",
        errCase(c.call(TYPES, "[method]descriptor.readlink-at", d, WitValue.string("abs-link"))));
  }

  @Test
  void guestsCannotCreateLinksThatLeaveThePreopen() {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    for (String target : List.of("../secret.txt", "sub/../../secret.txt", "/etc/passwd")) {
      assertEquals(
          "not-permitted",
          errCase(
              c.call(
                  TYPES,
                  "[method]descriptor.symlink-at",
                  d,
                  WitValue.string(target),
                  WitValue.string("mine"))),
          target);
    }
    assertFalse(Files.exists(root.resolve("mine"), LinkOption.NOFOLLOW_LINKS));
    ok(
        c.call(
            TYPES,
            "[method]descriptor.symlink-at",
            d,
            WitValue.string("sub/deep.txt"),
            WitValue.string("mine")));
    assertEquals("deep", readAll(c, ok(open(c, d, FOLLOW, "mine", Set.of(), "read"))));
  }

  @Test
  void aReadOnlyPreopenRefusesEveryWrite() throws IOException {
    HostCalls c = calls(true);
    WitValue d = dir(c);
    assertEquals("read-only", errCase(open(c, d, FOLLOW, "in.txt", Set.of(), "read", "write")));
    assertEquals("read-only", errCase(open(c, d, FOLLOW, "new.txt", Set.of("create"), "write")));
    assertEquals("read-only", errCase(open(c, d, FOLLOW, "in.txt", Set.of("truncate"), "read")));
    assertEquals(
        "read-only", errCase(open(c, d, FOLLOW, "sub", Set.of("directory"), "mutate-directory")));
    for (String op : List.of("create-directory-at", "remove-directory-at", "unlink-file-at")) {
      String path = op.equals("unlink-file-at") ? "in.txt" : "sub";
      assertEquals(
          "read-only",
          errCase(c.call(TYPES, "[method]descriptor." + op, d, WitValue.string(path))),
          op);
    }
    assertEquals(
        "read-only",
        errCase(
            c.call(
                TYPES,
                "[method]descriptor.rename-at",
                d,
                WitValue.string("in.txt"),
                d,
                WitValue.string("moved.txt"))));
    WitValue file = ok(open(c, d, FOLLOW, "in.txt", Set.of(), "read"));
    assertEquals(
        "bad-descriptor",
        errCase(c.call(TYPES, "[method]descriptor.write-via-stream", file, WitValue.u64(0))));
    assertEquals(
        "bad-descriptor",
        errCase(c.call(TYPES, "[method]descriptor.set-size", file, WitValue.u64(0))));
    assertEquals("hello", Files.readString(root.resolve("in.txt")));
    assertTrue(Files.isDirectory(root.resolve("sub")));
    assertEquals(
        new WitValue.FlagsValue(Set.of("read")),
        ok(c.call(TYPES, "[method]descriptor.get-flags", d)));
  }

  @Test
  void writesThroughStreamsAndDirectoryOperations() throws IOException {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    WitValue file = ok(open(c, d, FOLLOW, "new.txt", Set.of("create", "exclusive"), "write"));
    WitValue out = ok(c.call(TYPES, "[method]descriptor.write-via-stream", file, WitValue.u64(0)));
    ok(
        c.call(
            "wasi:io/streams",
            "[method]output-stream.blocking-write-and-flush",
            out,
            WitArgs.bytesValue("written".getBytes(StandardCharsets.UTF_8))));
    c.drop("wasi:io/streams", "output-stream", out);
    c.drop(TYPES, "descriptor", file);
    assertEquals("written", Files.readString(root.resolve("new.txt")));
    assertEquals("exist", errCase(open(c, d, FOLLOW, "new.txt", Set.of("create", "exclusive"))));

    ok(c.call(TYPES, "[method]descriptor.create-directory-at", d, WitValue.string("made")));
    assertEquals(
        "exist",
        errCase(
            c.call(TYPES, "[method]descriptor.create-directory-at", d, WitValue.string("made"))));
    ok(
        c.call(
            TYPES,
            "[method]descriptor.rename-at",
            d,
            WitValue.string("new.txt"),
            d,
            WitValue.string("made/renamed.txt")));
    assertEquals("written", Files.readString(root.resolve("made/renamed.txt")));
    assertEquals(
        "not-empty",
        errCase(
            c.call(TYPES, "[method]descriptor.remove-directory-at", d, WitValue.string("made"))));
    assertEquals(
        "is-directory",
        errCase(c.call(TYPES, "[method]descriptor.unlink-file-at", d, WitValue.string("made"))));
    ok(c.call(TYPES, "[method]descriptor.unlink-file-at", d, WitValue.string("made/renamed.txt")));
    ok(c.call(TYPES, "[method]descriptor.remove-directory-at", d, WitValue.string("made")));
    assertFalse(Files.exists(root.resolve("made")));
    assertEquals(
        "not-permitted",
        errCase(c.call(TYPES, "[method]descriptor.remove-directory-at", d, WitValue.string("."))));
  }

  @Test
  void readDirectoryListsEntriesWithTheirTypes() {
    HostCalls c = calls(false);
    WitValue entries = ok(c.call(TYPES, "[method]descriptor.read-directory", dir(c)));
    List<String> seen = new ArrayList<>();
    while (true) {
      WitValue.OptionValue next =
          (WitValue.OptionValue)
              ok(c.call(TYPES, "[method]directory-entry-stream.read-directory-entry", entries));
      if (next.value().isEmpty()) {
        break;
      }
      List<WitValue.RecordValue.Field> f = ((WitValue.RecordValue) next.value().get()).fields();
      seen.add(
          ((WitValue.StringValue) f.get(1).value()).value()
              + ":"
              + ((WitValue.EnumValue) f.get(0).value()).caseName());
    }
    assertEquals(
        List.of(
            "abs-link:symbolic-link",
            "deep-out-link:symbolic-link",
            "in-link:symbolic-link",
            "in.txt:regular-file",
            "loop:symbolic-link",
            "out-link:symbolic-link",
            "sub:directory",
            "sub-link:symbolic-link"),
        seen);
  }

  @Test
  void positionalReadWriteSizeAndStat() {
    HostCalls c = calls(false);
    WitValue d = dir(c);
    WitValue file = ok(open(c, d, FOLLOW, "data.bin", Set.of("create"), "read", "write"));
    byte[] bytes = {1, 2, 3, 4, 5};
    assertEquals(
        WitValue.u64(5),
        ok(
            c.call(
                TYPES,
                "[method]descriptor.write",
                file,
                WitArgs.bytesValue(bytes),
                WitValue.u64(2))));
    ok(c.call(TYPES, "[method]descriptor.set-size", file, WitValue.u64(10)));
    WitValue stat = ok(c.call(TYPES, "[method]descriptor.stat", file));
    List<WitValue.RecordValue.Field> f = ((WitValue.RecordValue) stat).fields();
    assertEquals(WitValue.enumCase("regular-file"), f.get(0).value());
    assertEquals(WitValue.u64(10), f.get(2).value());
    WitValue read =
        ok(c.call(TYPES, "[method]descriptor.read", file, WitValue.u64(100), WitValue.u64(1)));
    List<WitValue> t = ((WitValue.TupleValue) read).elements();
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 0, 0, 0}, WitArgs.bytes(t.get(0)));
    assertEquals(WitValue.bool(true), t.get(1));
    assertEquals(WitValue.bool(true), c.call(TYPES, "[method]descriptor.is-same-object", d, d));
    assertEquals(WitValue.bool(false), c.call(TYPES, "[method]descriptor.is-same-object", d, file));
    assertEquals(
        ok(c.call(TYPES, "[method]descriptor.metadata-hash", file)),
        ok(
            c.call(
                TYPES,
                "[method]descriptor.metadata-hash-at",
                d,
                FOLLOW,
                WitValue.string("data.bin"))));
  }

  @Test
  void streamErrorsCarryTheirFilesystemErrorCode() {
    HostCalls c = calls(false);
    WitValue error =
        WasiIo.ERROR.own(
            c.context("test"), new WasiError("disk on fire", Optional.of(ErrorCode.IO)));
    assertEquals(
        WitValue.some(WitValue.enumCase("io")), c.call(TYPES, "filesystem-error-code", error));
    assertEquals(
        WitValue.string("disk on fire"),
        c.call("wasi:io/error", "[method]error.to-debug-string", error));
  }
}
