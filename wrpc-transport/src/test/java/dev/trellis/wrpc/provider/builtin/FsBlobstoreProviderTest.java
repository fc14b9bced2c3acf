package dev.trellis.wrpc.provider.builtin;

import static dev.trellis.wrpc.provider.builtin.KvClient.err;
import static dev.trellis.wrpc.provider.builtin.KvClient.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.nats.NatsServer;
import dev.trellis.wrpc.codec.IndexPath;
import dev.trellis.wrpc.nats.AsyncSource;
import dev.trellis.wrpc.nats.IncomingStream;
import dev.trellis.wrpc.nats.InvocationResult;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.TestNats;
import dev.trellis.wrpc.nats.WrpcClient;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcTransportConfig;
import dev.trellis.wrpc.provider.ProviderConfig;
import dev.trellis.wrpc.provider.ProviderRunner;
import dev.trellis.wrpc.provider.RunningProvider;
import dev.trellis.wrpc.wit.WitValue;
import dev.trellis.wrpc.wit.WitValue.StreamValue;
import io.nats.client.Connection;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file-system blobstore provider over a real nats-server, called through {@link WrpcClient}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FsBlobstoreProviderTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final long BIG = 24L << 20;

  @TempDir static Path dir;
  static Path root;
  static NatsServer nats;
  static RunningProvider running;
  static Connection connection;
  static WrpcClient client;

  @BeforeAll
  static void start() {
    nats = TestNats.start(dir);
    root = dir.resolve("blobs");
    FsBlobstoreProvider blobs = FsBlobstoreProvider.create(root);
    running =
        ProviderRunner.create(
                ProviderConfig.of(nats.clientUrl(), "blobtest", "blob-test"), blobs.interfaces())
            .start();
    connection = TestNats.connect(nats.clientUrl(), "blob-test-client");
    client = WrpcClient.create(connection, WrpcTransportConfig.of("blobtest"));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    client.close();
    running.close();
    connection.close();
    nats.close();
  }

  @Test
  void containersAreCreatedDescribedClearedAndDeleted() {
    assertEquals(
        Optional.of(WitValue.bool(false)), ok(call(BlobstoreWit.CONTAINER_EXISTS, s("c1"))));
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("c1")));
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("c1")));
    assertEquals(
        Optional.of(WitValue.bool(true)), ok(call(BlobstoreWit.CONTAINER_EXISTS, s("c1"))));
    WitValue.RecordValue info =
        (WitValue.RecordValue) ok(call(BlobstoreWit.GET_CONTAINER_INFO, s("c1"))).orElseThrow();
    long createdAt = ((WitValue.U64Value) info.get("created-at").orElseThrow()).value();
    assertTrue(Math.abs(createdAt - System.currentTimeMillis() / 1000) < 3600, "" + createdAt);

    upload("c1", "a.txt", "alpha");
    upload("c1", "nested/b.txt", "beta");
    ok(call(BlobstoreWit.CLEAR_CONTAINER, s("c1")));
    assertEquals(Set.of(), list("c1", Optional.empty(), Optional.empty()));
    assertEquals(
        Optional.of(WitValue.bool(true)), ok(call(BlobstoreWit.CONTAINER_EXISTS, s("c1"))));
    ok(call(BlobstoreWit.DELETE_CONTAINER, s("c1")));
    assertFalse(Files.exists(root.resolve("c1")));
    assertTrue(text(err(call(BlobstoreWit.DELETE_CONTAINER, s("c1")))).contains("does not exist"));
    assertTrue(
        text(err(call(BlobstoreWit.GET_CONTAINER_INFO, s("c1")))).contains("does not exist"));
  }

  @Test
  void aMultiMegabyteObjectStreamsUpAndDownAndMatchesByteForByte() throws Exception {
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("big")));
    WitValue id = id("big", "data.bin");
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.WRITE_CONTAINER_DATA,
            List.of(id, StreamValue.pending()),
            InvokeOptions.defaults()
                .withTimeout(DEADLINE)
                .withAsync(
                    IndexPath.of(1), AsyncSource.bytes(new Pattern(BIG, sent), 256 << 10)))) {
      ok(result.values().get(0));
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0)).await());
    }
    assertEquals(BIG, Files.size(root.resolve("big/data.bin")));
    WitValue.RecordValue info =
        (WitValue.RecordValue) ok(call(BlobstoreWit.GET_OBJECT_INFO, id)).orElseThrow();
    assertEquals(Optional.of(WitValue.u64(BIG)), info.get("size"));

    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long count = download(id, 0, -1L, received);
    assertEquals(BIG, count);
    assertArrayEquals(sent.digest(), received.digest());
  }

  @Test
  void rangesAreInclusiveAndClampedToTheObject() throws Exception {
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("ranges")));
    upload("ranges", "abc", "0123456789");
    assertEquals("234", downloadText(id("ranges", "abc"), 2, 4));
    assertEquals("89", downloadText(id("ranges", "abc"), 8, 100));
    assertEquals("", downloadText(id("ranges", "abc"), 20, 30));
    assertTrue(
        text(err(call(BlobstoreWit.GET_CONTAINER_DATA, id("ranges", "abc"), u64(5), u64(4))))
            .contains("after"));
    assertTrue(
        text(err(call(BlobstoreWit.GET_CONTAINER_DATA, id("ranges", "none"), u64(0), u64(1))))
            .contains("does not exist"));
  }

  @Test
  void objectsAreListedPagedCopiedMovedAndDeleted() throws Exception {
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("objs")));
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("objs2")));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 300; i++) {
      names.add("o" + i);
      Files.writeString(root.resolve("objs/o" + i), "x" + i);
    }
    upload("objs", "dir/deep.txt", "deep");
    names.add("dir/deep.txt");
    assertEquals(names, list("objs", Optional.empty(), Optional.empty()));
    Set<String> page1 = list("objs", Optional.of(100L), Optional.of(0L));
    Set<String> page2 = list("objs", Optional.of(1000L), Optional.of(100L));
    assertEquals(100, page1.size());
    assertEquals(201, page2.size());
    page1.addAll(page2);
    assertEquals(names, page1);

    ok(call(BlobstoreWit.COPY_OBJECT, id("objs", "o1"), id("objs2", "copied/o1")));
    assertEquals("x1", downloadText(id("objs2", "copied/o1"), 0, 100));
    ok(call(BlobstoreWit.MOVE_OBJECT, id("objs", "o2"), id("objs2", "o2")));
    assertEquals(
        Optional.of(WitValue.bool(false)), ok(call(BlobstoreWit.HAS_OBJECT, id("objs", "o2"))));
    assertEquals(
        Optional.of(WitValue.bool(true)), ok(call(BlobstoreWit.HAS_OBJECT, id("objs2", "o2"))));
    assertTrue(
        text(err(call(BlobstoreWit.COPY_OBJECT, id("objs", "o3"), id("nowhere", "o3"))))
            .contains("does not exist"));

    ok(call(BlobstoreWit.DELETE_OBJECT, id("objs", "o3")));
    ok(call(BlobstoreWit.DELETE_OBJECT, id("objs", "o3")));
    ok(
        call(
            BlobstoreWit.DELETE_OBJECTS,
            s("objs"),
            new WitValue.ListValue(List.of(s("o4"), s("o5"), s("never-existed")))));
    assertFalse(Files.exists(root.resolve("objs/o4")));
    assertEquals(
        Optional.of(WitValue.bool(true)), ok(call(BlobstoreWit.HAS_OBJECT, id("objs", "o6"))));
  }

  @Test
  void namesThatWouldLeaveTheRootAreRefused() throws Exception {
    ok(call(BlobstoreWit.CREATE_CONTAINER, s("jail")));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "secret");
    Files.createSymbolicLink(root.resolve("jail/escape"), outside);
    Files.createSymbolicLink(root.resolve("jail/secret-link"), outside.resolve("secret"));

    for (String bad : List.of("..", "../outside", "/etc", "a/b", ".trellis-uploads", "")) {
      String error = text(err(call(BlobstoreWit.CREATE_CONTAINER, s(bad))));
      assertTrue(error.startsWith("container name '" + bad + "'"), bad + ": " + error);
    }
    for (String bad :
        List.of(
            "../x", "a/../../x", "/etc/passwd", "a//b", "./a", "escape/secret", "secret-link")) {
      String error = text(err(call(BlobstoreWit.GET_OBJECT_INFO, id("jail", bad))));
      assertTrue(error.contains("object '" + bad + "'"), bad + ": " + error);
      String write = text(err(call(BlobstoreWit.HAS_OBJECT, id("jail", bad))));
      assertTrue(write.contains("object '" + bad + "'"), bad + ": " + write);
    }
    String symlink = text(err(call(BlobstoreWit.GET_OBJECT_INFO, id("jail", "escape/secret"))));
    assertTrue(symlink.contains("symbolic link"), symlink);
    assertFalse(list("jail", Optional.empty(), Optional.empty()).contains("secret-link"));
    assertEquals("secret", Files.readString(outside.resolve("secret")), "outside untouched");
  }

  @Test
  void writingIntoAMissingContainerFailsBeforeAnyDataFlows() {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.WRITE_CONTAINER_DATA,
            List.of(id("missing", "x"), StreamValue.pending()),
            InvokeOptions.defaults()
                .withTimeout(DEADLINE)
                .withAsync(
                    IndexPath.of(1), AsyncSource.bytes(InputStream.nullInputStream(), 1024)))) {
      assertTrue(text(err(result.values().get(0))).contains("does not exist"));
    }
  }

  // ---- helpers ----

  private static WitValue call(WrpcFunction function, WitValue... params) {
    return client
        .invoke(function, List.of(params), InvokeOptions.defaults().withTimeout(DEADLINE))
        .values()
        .get(0);
  }

  private static void upload(String container, String object, String content) {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.WRITE_CONTAINER_DATA,
            List.of(id(container, object), StreamValue.pending()),
            InvokeOptions.defaults()
                .withTimeout(DEADLINE)
                .withAsync(
                    IndexPath.of(1),
                    AsyncSource.bytes(
                        new java.io.ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                        4)))) {
      ok(result.values().get(0));
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0)).await());
    }
  }

  /** Streams the range into {@code digest}; returns the byte count and checks the future. */
  private static long download(WitValue id, long start, long end, MessageDigest digest) {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.GET_CONTAINER_DATA,
            List.of(id, u64(start), u64(end)),
            InvokeOptions.defaults().withTimeout(DEADLINE))) {
      ok(result.values().get(0));
      IncomingStream body = result.stream(IndexPath.of(0, 0));
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n = body.read(buffer, 0, buffer.length);
          n >= 0;
          n = body.read(buffer, 0, buffer.length)) {
        digest.update(buffer, 0, n);
        total += n;
      }
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0, 1)).await());
      return total;
    }
  }

  private static String downloadText(WitValue id, long start, long end) throws Exception {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.GET_CONTAINER_DATA,
            List.of(id, u64(start), u64(end)),
            InvokeOptions.defaults().withTimeout(DEADLINE))) {
      ok(result.values().get(0));
      byte[] all = result.stream(IndexPath.of(0, 0)).asInputStream().readAllBytes();
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0, 1)).await());
      return new String(all, StandardCharsets.UTF_8);
    }
  }

  private static Set<String> list(String container, Optional<Long> limit, Optional<Long> offset) {
    try (InvocationResult result =
        client.invoke(
            BlobstoreWit.LIST_CONTAINER_OBJECTS,
            List.of(s(container), option(limit), option(offset)),
            InvokeOptions.defaults().withTimeout(DEADLINE))) {
      ok(result.values().get(0));
      List<String> names = new ArrayList<>();
      result.stream(IndexPath.of(0, 0)).readAll().forEach(v -> names.add(text(v)));
      assertEquals(Optional.of(WitValue.ok()), result.future(IndexPath.of(0, 1)).await());
      Set<String> unique = new HashSet<>(names);
      assertEquals(names.size(), unique.size(), "no name twice");
      return unique;
    }
  }

  private static WitValue option(Optional<Long> value) {
    return new WitValue.OptionValue(value.map(v -> (WitValue) WitValue.u64(v)));
  }

  private static WitValue id(String container, String object) {
    return WitValue.record(
        WitValue.field("container", s(container)), WitValue.field("object", s(object)));
  }

  private static WitValue s(String value) {
    return WitValue.string(value);
  }

  private static WitValue u64(long value) {
    return WitValue.u64(value);
  }

  private static String text(WitValue value) {
    return ((WitValue.StringValue) value).value();
  }

  /** {@code length} deterministic pseudo-random bytes, generated as read and fed to a digest. */
  private static final class Pattern extends InputStream {
    private final long length;
    private final MessageDigest digest;
    private long position;
    private long state = 0x9E3779B97F4A7C15L;

    Pattern(long length, MessageDigest digest) {
      this.length = length;
      this.digest = digest;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      for (int i = 0; i < n; i++) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        b[off + i] = (byte) state;
      }
      digest.update(b, off, n);
      position += n;
      return n;
    }
  }
}
