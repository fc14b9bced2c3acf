package dev.trellis.host.wasi;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** The example components built by examples/build.sh, loaded once per test JVM. */
final class WasiFixtures {
  /** Relative to the module directory, which is surefire's working directory. */
  static final Path EXAMPLES = Path.of("..", "examples", "wasm");

  static final Engine ENGINE = Engine.create();

  private static final ConcurrentHashMap<String, ComponentDefinition> LOADED =
      new ConcurrentHashMap<>();

  private WasiFixtures() {}

  /** The fixture {@code name}, loaded (and compiled) once. */
  static ComponentDefinition load(String name) {
    return LOADED.computeIfAbsent(name, WasiFixtures::read);
  }

  private static ComponentDefinition read(String name) {
    try {
      return ENGINE.load(name, Files.readAllBytes(EXAMPLES.resolve(name + ".wasm")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
