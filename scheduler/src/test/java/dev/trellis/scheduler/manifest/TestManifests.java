package dev.trellis.scheduler.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;

/** Test fixtures: the manifest files under {@code manifests/} and a deterministic parser. */
final class TestManifests {
  /** The instant the deterministic version generator reads: the ULID spec's example time. */
  static final Instant CLOCK = Instant.ofEpochMilli(1_469_918_176_385L);

  /** The first version the deterministic generator produces. */
  static final String FIRST_VERSION = "01ARYZ6S410000000000000000";

  private TestManifests() {}

  /** A parser whose generated versions come from a fixed clock and all-zero randomness. */
  static ManifestParser parser() {
    return new ManifestParser(new UlidGenerator(InstantSource.fixed(CLOCK), () -> 0L));
  }

  /** The text of {@code manifests/<relative>}. */
  static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the files in {@code manifests/<directory>}, sorted. */
  static List<String> list(String directory) {
    try (Stream<Path> files = Files.list(path(directory))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code manifests/valid/<name>} and insists it is valid. */
  static ParseResult.Valid valid(String name) {
    ParseResult result = parser().parse(read("valid/" + name));
    if (result instanceof ParseResult.Valid valid) {
      return valid;
    }
    throw new AssertionError(name + " should be valid but: " + result.errors());
  }

  private static Path path(String relative) {
    URL url = TestManifests.class.getResource("/manifests/" + relative);
    if (url == null) {
      throw new IllegalArgumentException("no test manifest " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
