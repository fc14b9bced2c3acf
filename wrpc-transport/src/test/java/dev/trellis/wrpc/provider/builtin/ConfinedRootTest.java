package dev.trellis.wrpc.provider.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfinedRootTest {
  @TempDir Path dir;

  @Test
  void validNamesMapUnderTheRoot() {
    ConfinedRoot root = new ConfinedRoot(dir.resolve("r"));
    assertEquals(root.root().resolve("photos"), root.container("photos"));
    assertEquals(
        root.root().resolve("photos/2024/cat é.jpg"), root.object("photos", "2024/cat é.jpg"));
    assertEquals(root.root().resolve("photos/..hidden"), root.object("photos", "..hidden"));
  }

  @Test
  void everyWayOutIsRefusedWithAReason() {
    ConfinedRoot root = new ConfinedRoot(dir.resolve("r"));
    expect("the name is empty", () -> root.container(""));
    expect("'..' segments", () -> root.container(".."));
    expect("control characters", () -> root.container("a/b"));
    expect("control characters", () -> root.container("a\\b"));
    expect("control characters", () -> root.container("nul\0"));
    expect("reserved", () -> root.container(".trellis-uploads"));
    expect("absolute", () -> root.object("c", "/etc/passwd"));
    expect("'..' segments", () -> root.object("c", "a/../../etc"));
    expect("'.' segments", () -> root.object("c", "./a"));
    expect("empty path segment", () -> root.object("c", "a//b"));
    expect("empty path segment", () -> root.object("c", "a/"));
    expect("longer than 255", () -> root.object("c", "x".repeat(256)));
    expect("longer than 1024", () -> root.object("c", "abc/".repeat(300)));
  }

  @Test
  void symbolicLinksAreNeverCrossedWhereverTheyPoint() throws Exception {
    ConfinedRoot root = new ConfinedRoot(dir.resolve("r"));
    Files.createDirectories(root.root().resolve("c/inside"));
    Files.createSymbolicLink(root.root().resolve("c/up"), dir);
    Files.createSymbolicLink(root.root().resolve("c/sibling"), root.root().resolve("c/inside"));
    Files.createSymbolicLink(root.root().resolve("linked"), root.root().resolve("c"));
    expect("symbolic link", () -> root.object("c", "up/anything"));
    expect("symbolic link", () -> root.object("c", "sibling/x"));
    expect("symbolic link", () -> root.container("linked"));
  }

  @Test
  void aRootThatIsALinkIsResolvedOnce() throws Exception {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    ConfinedRoot root = new ConfinedRoot(link);
    assertEquals(real.toRealPath(), root.root());
    assertEquals(real.toRealPath().resolve("c"), root.container("c"));
  }

  private static void expect(String reason, Runnable action) {
    BlobstoreException e = assertThrows(BlobstoreException.class, action::run);
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
