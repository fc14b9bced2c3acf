package dev.trellis.host.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** The example components built by examples/build.sh, loaded once per test JVM. */
final class Fixtures {
  /** Relative to the module directory, which is surefire's working directory. */
  static final Path EXAMPLES = Path.of("..", "examples", "wasm");

  static final Engine ENGINE = Engine.create();

  private static final ConcurrentHashMap<String, ComponentDefinition> LOADED =
      new ConcurrentHashMap<>();

  private Fixtures() {}

  static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(EXAMPLES.resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture {@code name}, loaded (and compiled) once. */
  static ComponentDefinition load(String name) {
    return LOADED.computeIfAbsent(name, n -> ENGINE.load(n, bytes(n)));
  }
}
