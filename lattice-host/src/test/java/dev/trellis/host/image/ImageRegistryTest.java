package dev.trellis.host.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pull, push, cache and error behaviour against a real registry process on loopback ({@link
 * LocalRegistry}). Skipped only when {@code docker-registry} is absent and cannot be installed.
 */
class ImageRegistryTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private LocalRegistry registry;
  private ImageFetcher fetcher;
  private ImagePusher pusher;

  @BeforeAll
  static void registryInstalled() {
    Optional<String> unavailable = LocalRegistry.ensureInstalled();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipping: " + unavailable.orElseThrow());
  }

  @BeforeEach
  void startRegistry() {
    registry = LocalRegistry.start(dir.resolve("registry"));
    ImageConfig config = ImageConfig.defaults().withCacheDir(dir.resolve("cache"));
    fetcher = ImageFetcher.create(config);
    pusher = ImagePusher.create(config, CLOCK);
  }

  @AfterEach
  void stopRegistry() {
    fetcher.close();
    pusher.close();
    registry.stop();
  }

  private ImageRef.Oci ref(String repoAndTag) {
    return (ImageRef.Oci) ImageRef.parse(registry.address() + "/" + repoAndTag);
  }

  private ImagePusher.PushResult push(byte[] wasm, ImageRef.Oci target) {
    return pusher.push(
        TestWasm.write(dir, "app-" + wasm.length + ".wasm", wasm), target, Optional.empty());
  }

  private FetchedImage fetch(ImageRef ref, ImagePullPolicy policy) {
    return fetcher.fetch(ref, policy, Optional.empty(), ProgressListener.NONE);
  }

  @Test
  void pushThenPullRoundTripsInTheWasmArtifactLayout() {
    byte[] wasm = TestWasm.component(300_000, 1);
    ImageRef.Oci ref = ref("apps/hello:1.0");
    ImagePusher.PushResult pushed = push(wasm, ref);

    List<long[]> progress = new CopyOnWriteArrayList<>();
    FetchedImage image =
        fetcher.fetch(
            ref,
            ImagePullPolicy.UNSPECIFIED,
            Optional.empty(),
            (r, soFar, total) -> progress.add(new long[] {soFar, total}));

    assertArrayEquals(wasm, image.readBytes());
    assertEquals(Sha256.of(wasm), image.digest());
    assertEquals(pushed.layerDigest(), image.digest());
    assertEquals(Optional.of(pushed.manifestDigest()), image.manifestDigest());
    assertEquals(FetchedImage.Source.REGISTRY, image.source());
    assertTrue(progress.size() > 2, "progress callbacks: " + progress.size());
    assertEquals(0, progress.get(0)[0]);
    assertArrayEquals(new long[] {wasm.length, wasm.length}, progress.get(progress.size() - 1));

    Registry oras = Registry.builder().insecure().build();
    Manifest manifest = oras.getManifest(ContainerRef.parse(ref.toString()));
    assertEquals(WasmLayout.WASM_CONFIG, manifest.getConfig().getMediaType());
    assertEquals(
        List.of(WasmLayout.WASM_LAYER),
        manifest.getLayers().stream().map(Layer::getMediaType).toList());
    String config =
        new String(
            oras.getBlob(ContainerRef.parse(ref.name() + "@" + manifest.getConfig().getDigest())));
    assertEquals(
        "{\"created\":\"2026-01-02T03:04:05Z\",\"architecture\":\"wasm\",\"os\":\"wasip2\","
            + "\"layerDigests\":[\""
            + pushed.layerDigest()
            + "\"]}",
        config);
  }

  @Test
  void ifNotPresentAnswersFromTheCacheWithTheRegistryStopped() {
    byte[] wasm = TestWasm.component(10_000, 2);
    ImageRef.Oci ref = ref("apps/cached:1");
    ImagePusher.PushResult pushed = push(wasm, ref);
    assertEquals(FetchedImage.Source.REGISTRY, fetch(ref, ImagePullPolicy.IF_NOT_PRESENT).source());

    registry.stop();

    FetchedImage again = fetch(ref, ImagePullPolicy.IF_NOT_PRESENT);
    assertEquals(FetchedImage.Source.CACHE, again.source());
    assertArrayEquals(wasm, again.readBytes());
    assertEquals(FetchedImage.Source.CACHE, fetch(ref, ImagePullPolicy.NEVER).source());
    assertEquals(FetchedImage.Source.CACHE, fetch(pushed.pinned(), ImagePullPolicy.NEVER).source());

    ImageException e = assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.ALWAYS));
    assertEquals(ImageException.Kind.UNREACHABLE, e.kind());
  }

  @Test
  void alwaysResolvesTheTagAgainWhileIfNotPresentKeepsTheCachedDigest() {
    ImageRef.Oci ref = ref("apps/moving:stable");
    byte[] v1 = TestWasm.component(5_000, 3);
    byte[] v2 = TestWasm.component(6_000, 4);
    push(v1, ref);
    assertArrayEquals(v1, fetch(ref, ImagePullPolicy.IF_NOT_PRESENT).readBytes());
    push(v2, ref);

    assertArrayEquals(v1, fetch(ref, ImagePullPolicy.IF_NOT_PRESENT).readBytes());
    FetchedImage repulled = fetch(ref, ImagePullPolicy.ALWAYS);
    assertEquals(FetchedImage.Source.REGISTRY, repulled.source());
    assertArrayEquals(v2, repulled.readBytes());
    FetchedImage cached = fetch(ref, ImagePullPolicy.IF_NOT_PRESENT);
    assertEquals(FetchedImage.Source.CACHE, cached.source());
    assertArrayEquals(v2, cached.readBytes());
  }

  @Test
  void neverFailsClearlyWhenNotCached() {
    ImageRef.Oci ref = ref("apps/absent:1");
    ImageException e = assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.NEVER));
    assertEquals(ImageException.Kind.NOT_CACHED, e.kind());
    assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("pull policy is NEVER"), e.getMessage());
  }

  @Test
  void aDigestPinsTheContentAfterTheTagMoves() {
    ImageRef.Oci ref = ref("apps/pinned:1");
    byte[] v1 = TestWasm.component(4_000, 5);
    ImagePusher.PushResult first = push(v1, ref);
    push(TestWasm.component(4_100, 6), ref);

    FetchedImage pinned = fetch(first.pinned(), ImagePullPolicy.ALWAYS);
    assertArrayEquals(v1, pinned.readBytes());
    assertEquals(Optional.of(first.manifestDigest()), pinned.manifestDigest());

    ImageRef.Oci unknown = ref.withDigest("sha256:" + "0".repeat(64));
    ImageException e =
        assertThrows(ImageException.class, () -> fetch(unknown, ImagePullPolicy.ALWAYS));
    assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
  }

  @Test
  void missingImageIsNotFound() {
    ImageRef.Oci ref = ref("apps/nothing-here:1");
    ImageException e = assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.ALWAYS));
    assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains(ref + " not found"), e.getMessage());
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }

  @Test
  void deadRegistryIsUnreachable() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    ImageRef ref = ImageRef.parse("127.0.0.1:" + port + "/apps/x:1");
    ImageException e =
        assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.IF_NOT_PRESENT));
    assertEquals(ImageException.Kind.UNREACHABLE, e.kind());
    assertTrue(
        e.getMessage().contains("registry 127.0.0.1:" + port + " is unreachable"), e.getMessage());
    assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
  }

  @Test
  void httpsToAPlainHttpRegistrySuggestsMarkingItInsecure() {
    ImageRef.Oci ref = ref("apps/tls:1");
    ImageConfig strict =
        ImageConfig.defaults().withCacheDir(dir.resolve("strict")).withPlainHttpForLoopback(false);
    try (ImageFetcher https = ImageFetcher.create(strict)) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () ->
                  https.fetch(
                      ref, ImagePullPolicy.ALWAYS, Optional.empty(), ProgressListener.NONE));
      assertEquals(ImageException.Kind.UNREACHABLE, e.kind());
      assertTrue(e.getMessage().contains("over https"), e.getMessage());
      assertTrue(e.getMessage().contains("insecure registries"), e.getMessage());
    }
    ImageConfig listed = strict.withInsecureRegistries(Set.of(registry.address()));
    push(TestWasm.component(100, 12), ref);
    try (ImageFetcher http = ImageFetcher.create(listed)) {
      assertEquals(
          FetchedImage.Source.REGISTRY,
          http.fetch(ref, ImagePullPolicy.ALWAYS, Optional.empty(), ProgressListener.NONE)
              .source());
    }
  }

  @Test
  void corruptedLayerIsADigestMismatchAndIsNotCached() throws IOException {
    byte[] wasm = TestWasm.component(20_000, 7);
    ImageRef.Oci ref = ref("apps/corrupt:1");
    ImagePusher.PushResult pushed = push(wasm, ref);
    byte[] evil = wasm.clone();
    evil[wasm.length - 1] ^= 0x55;
    Files.write(registry.blobData(pushed.layerDigest()), evil);

    ImageException e = assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.ALWAYS));
    assertEquals(ImageException.Kind.DIGEST_MISMATCH, e.kind());
    assertTrue(e.getMessage().contains(pushed.layerDigest()), e.getMessage());
    assertTrue(e.getMessage().contains(Sha256.of(evil)), e.getMessage());
    assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.NEVER));
  }

  @Test
  void aCorruptedCacheEntryIsPulledAgain() throws IOException {
    byte[] wasm = TestWasm.component(8_000, 8);
    ImageRef.Oci ref = ref("apps/heal:1");
    push(wasm, ref);
    Path blob = fetch(ref, ImagePullPolicy.IF_NOT_PRESENT).path();
    Files.write(blob, new byte[] {0, 'a', 's', 'm'});

    FetchedImage healed = fetch(ref, ImagePullPolicy.IF_NOT_PRESENT);
    assertEquals(FetchedImage.Source.REGISTRY, healed.source());
    assertArrayEquals(wasm, healed.readBytes());
  }

  @Test
  void anArtifactWithoutAWasmLayerIsRejectedListingItsMediaTypes() throws IOException {
    ImageRef.Oci ref = ref("apps/tarball:1");
    Path tar = Files.write(dir.resolve("layer.tar"), new byte[] {1, 2, 3});
    Registry oras = Registry.builder().insecure().build();
    ContainerRef target = ContainerRef.parse(ref.toString());
    Layer layer =
        oras.pushBlob(target, tar, Map.of())
            .withMediaType("application/vnd.oci.image.layer.v1.tar");
    oras.pushConfig(target, Config.empty());
    oras.pushManifest(target, Manifest.empty().withLayers(List.of(layer)));

    ImageException e = assertThrows(ImageException.class, () -> fetch(ref, ImagePullPolicy.ALWAYS));
    assertEquals(ImageException.Kind.NOT_WASM, e.kind());
    assertTrue(e.getMessage().contains("application/vnd.oci.image.layer.v1.tar"), e.getMessage());
    assertTrue(e.getMessage().contains("application/vnd.oci.empty.v1+json"), e.getMessage());
    assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
  }

  @Test
  void pushRejectsNonWasmFilesAndDigestTargets() throws IOException {
    Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
    ImageException notWasm =
        assertThrows(
            ImageException.class, () -> pusher.push(text, ref("apps/x:1"), Optional.empty()));
    assertEquals(ImageException.Kind.NOT_WASM, notWasm.kind());

    Path wasm = TestWasm.write(dir, "a.wasm", TestWasm.component(100, 9));
    ImageRef.Oci pinned = ref("apps/x:1").withDigest("sha256:" + "1".repeat(64));
    ImageException pinnedTarget =
        assertThrows(ImageException.class, () -> pusher.push(wasm, pinned, Optional.empty()));
    assertEquals(ImageException.Kind.INVALID_REFERENCE, pinnedTarget.kind());
    assertFalse(Files.exists(registry.storage().resolve("docker/registry/v2/repositories/apps/x")));
  }
}
