package dev.trellis.bench.engine;

import dev.trellis.host.engine.binary.ComponentBinary;
import dev.trellis.host.engine.binary.ComponentDecoder;
import dev.trellis.host.engine.binary.Definition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's example components and the core modules inside them. */
final class Fixtures {
  private Fixtures() {}

  static Path dir() {
    for (Path candidate :
        new Path[] {Path.of("examples", "wasm"), Path.of("..", "examples", "wasm")}) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/wasm not found; run from the repository root");
  }

  static byte[] component(String name) {
    try {
      return Files.readAllBytes(dir().resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first core module embedded in a component (the fixtures used here have exactly one). */
  static byte[] coreModule(String name) {
    ComponentBinary binary = ComponentDecoder.decode(component(name));
    for (Definition definition : binary.definitions()) {
      if (definition instanceof Definition.CoreModule module) {
        return module.bytes().toArray();
      }
    }
    throw new IllegalStateException(name + " has no core module");
  }
}
