package dev.trellis.cli;

import dev.trellis.host.engine.ComponentDefinition;
import dev.trellis.host.engine.Engine;
import dev.trellis.host.engine.EngineOptions;
import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.wrpc.wit.WitType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code trellis inspect app.wasm}: a component's imports and exports, printed as WIT. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Print a component's imports and exports as WIT.")
final class InspectCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "COMPONENT", description = "A component (.wasm) file.")
  Path file;

  @Override
  public void run() {
    ComponentDefinition definition = load(file, new EngineOptions(true));
    System.out.print(wit(definition));
    System.out.flush();
  }

  /** Reads and decodes a component file; errors name the file. */
  static ComponentDefinition load(Path file, EngineOptions options) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return Engine.create(options).load(file.getFileName().toString(), bytes);
  }

  static String wit(ComponentDefinition definition) {
    StringBuilder out = new StringBuilder();
    String world = definition.name().replaceFirst("\\.wasm$", "");
    out.append("world ").append(world).append(" {\n");
    for (ExternItem item : definition.imports()) {
      item(out, "import", item);
    }
    for (ExternItem item : definition.exports()) {
      item(out, "export", item);
    }
    return out.append("}\n").toString();
  }

  private static void item(StringBuilder out, String direction, ExternItem item) {
    switch (item) {
      case ExternItem.Interface iface -> {
        out.append("  ")
            .append(direction)
            .append(' ')
            .append(iface.name())
            .append(": interface {\n");
        for (String resource : iface.resources()) {
          out.append("    resource ").append(resource).append(";\n");
        }
        for (FunctionSignature function : iface.functions()) {
          out.append("    ").append(function(function)).append(";\n");
        }
        out.append("  }\n");
      }
      case ExternItem.Function function ->
          out.append("  ")
              .append(direction)
              .append(' ')
              .append(function(function.signature()))
              .append(";\n");
      case ExternItem.Type type ->
          out.append("  ")
              .append(direction)
              .append(" type ")
              .append(type.name())
              .append(" = ")
              .append(type.description())
              .append(";\n");
      case ExternItem.Other other ->
          out.append("  // ")
              .append(direction)
              .append(' ')
              .append(other.name())
              .append(" (")
              .append(other.sort())
              .append(")\n");
    }
  }

  /** {@code name: func(a: s32, b: s32) -> s32}. */
  static String function(FunctionSignature signature) {
    String params =
        signature.params().stream()
            .map(p -> p.name() + ": " + p.type())
            .collect(Collectors.joining(", "));
    List<WitType> results = signature.results();
    String result = results.isEmpty() ? "" : " -> " + results.get(0);
    return signature.name() + ": func(" + params + ")" + result;
  }
}
