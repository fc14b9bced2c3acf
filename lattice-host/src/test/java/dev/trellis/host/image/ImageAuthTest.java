package dev.trellis.host.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basic auth (a workload's pull secret) against a real htpasswd-protected registry on loopback. */
class ImageAuthTest {

  private static final Credentials ALICE = new Credentials("alice", "correct horse");

  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static ImageFetcher fetcher;
  private static ImageRef.Oci ref;
  private static byte[] wasm;

  @BeforeAll
  static void startProtectedRegistry() {
    Optional<String> unavailable = LocalRegistry.ensureInstalled();
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "skipping: " + unavailable.orElseThrow());
    registry =
        LocalRegistry.start(
            dir.resolve("registry"),
            Optional.of(new LocalRegistry.Login(ALICE.username(), ALICE.password())));
    ImageConfig config = ImageConfig.defaults().withCacheDir(dir.resolve("cache"));
    fetcher = ImageFetcher.create(config);
    ref = (ImageRef.Oci) ImageRef.parse(registry.address() + "/private/app:1");
    wasm = TestWasm.component(2_000, 42);
    try (ImagePusher pusher = ImagePusher.create(config, Clock.systemUTC())) {
      pusher.push(TestWasm.write(dir, "app.wasm", wasm), ref, Optional.of(ALICE));
    }
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      fetcher.close();
      registry.stop();
    }
  }

  @Test
  void pullsWithTheRightPassword() {
    FetchedImage image =
        fetcher.fetch(ref, ImagePullPolicy.ALWAYS, Optional.of(ALICE), ProgressListener.NONE);
    assertArrayEquals(wasm, image.readBytes());
  }

  @Test
  void aWrongPasswordIsUnauthorizedAndSaysToCheckThePullSecret() {
    Credentials wrong = new Credentials("alice", "battery staple");
    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                fetcher.fetch(
                    ref, ImagePullPolicy.ALWAYS, Optional.of(wrong), ProgressListener.NONE));
    assertEquals(ImageException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains(ref.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("check the pull secret"), e.getMessage());
    assertTrue(e.getMessage().contains("user 'alice'"), e.getMessage());
    assertFalse(e.getMessage().contains("battery"), e.getMessage());
  }

  @Test
  void anonymousAccessIsUnauthorized() {
    ImageException e =
        assertThrows(
            ImageException.class,
            () ->
                fetcher.fetch(
                    ref, ImagePullPolicy.ALWAYS, Optional.empty(), ProgressListener.NONE));
    assertEquals(ImageException.Kind.UNAUTHORIZED, e.kind());
    assertTrue(e.getMessage().contains("anonymously"), e.getMessage());
  }

  @Test
  void pushWithoutCredentialsIsUnauthorized() {
    try (ImagePusher pusher =
        ImagePusher.create(
            ImageConfig.defaults().withCacheDir(dir.resolve("c2")), Clock.systemUTC())) {
      ImageException e =
          assertThrows(
              ImageException.class,
              () -> pusher.push(TestWasm.write(dir, "b.wasm", wasm), ref, Optional.empty()));
      assertEquals(ImageException.Kind.UNAUTHORIZED, e.kind());
    }
  }
}
