package dev.trellis.host.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileImageTest {

  @TempDir Path dir;
  private ImageFetcher fetcher;

  @BeforeEach
  void create() {
    fetcher = ImageFetcher.create(ImageConfig.defaults().withCacheDir(dir.resolve("cache")));
  }

  @AfterEach
  void close() {
    fetcher.close();
  }

  private FetchedImage fetch(String reference) {
    return fetcher.fetch(
        ImageRef.parse(reference), ImagePullPolicy.NEVER, Optional.empty(), ProgressListener.NONE);
  }

  @Test
  void readsAnAbsoluteFileInPlaceWhateverThePolicy() {
    byte[] wasm = TestWasm.component(1_000, 11);
    Path file = TestWasm.write(dir, "app.wasm", wasm);
    FetchedImage image = fetch("file://" + file);
    assertEquals(FetchedImage.Source.LOCAL_FILE, image.source());
    assertEquals(file, image.path());
    assertEquals(Sha256.of(wasm), image.digest());
    assertEquals(wasm.length, image.size());
    assertEquals(Optional.empty(), image.manifestDigest());
    assertArrayEquals(wasm, image.readBytes());
    assertTrue(Files.notExists(dir.resolve("cache")), "file images are not copied into the cache");
  }

  @Test
  void aMissingFileIsNotFound() {
    ImageException e =
        assertThrows(ImageException.class, () -> fetch("file://" + dir.resolve("nope.wasm")));
    assertEquals(ImageException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("nope.wasm"), e.getMessage());
  }

  @Test
  void aFileThatIsNotWasmIsRejected() throws IOException {
    Path text = Files.writeString(dir.resolve("app.wasm"), "#!/bin/sh\n");
    ImageException e = assertThrows(ImageException.class, () -> fetch("file://" + text));
    assertEquals(ImageException.Kind.NOT_WASM, e.kind());
    assertTrue(e.getMessage().contains("Wasm magic number"), e.getMessage());
  }
}
