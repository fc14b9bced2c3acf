package dev.trellis.host.engine.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Decodes the real components that the project's fixture script builds into examples/wasm. */
class ExampleComponentsTest {
  /** Relative to the module directory, which is surefire's working directory. */
  private static final Path EXAMPLES = Path.of("..", "examples", "wasm");

  @Test
  void decodesEveryExampleComponent() throws IOException {
    assertTrue(Files.isDirectory(EXAMPLES), "missing directory " + EXAMPLES.toAbsolutePath());
    List<Path> components;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      components = files.filter(p -> p.toString().endsWith(".wasm")).sorted().toList();
    }
    assertFalse(components.isEmpty(), "no .wasm file in " + EXAMPLES.toAbsolutePath());
    for (Path file : components) {
      byte[] bytes = Files.readAllBytes(file);
      try {
        ComponentBinary binary = ComponentDecoder.decode(bytes);
        assertFalse(binary.sections().isEmpty(), file + " decoded to no sections");
        assertCoreModulesAtTheirOffsets(file, bytes, binary);
      } catch (ComponentDecodeException e) {
        throw new AssertionError(file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every core module, at any nesting depth, is the slice of the file its offset names. */
  private static void assertCoreModulesAtTheirOffsets(
      Path file, byte[] bytes, ComponentBinary binary) {
    for (Definition definition : binary.definitions()) {
      if (definition instanceof Definition.CoreModule module) {
        int end = module.offset() + module.bytes().size();
        assertArrayEquals(
            Arrays.copyOfRange(bytes, module.offset(), end),
            module.bytes().toArray(),
            file + ": core module at offset " + module.offset());
      } else if (definition instanceof Definition.NestedComponent nested) {
        assertCoreModulesAtTheirOffsets(file, bytes, nested.component());
      }
    }
  }
}
