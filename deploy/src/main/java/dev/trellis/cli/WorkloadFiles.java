package dev.trellis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.v2.WorkloadStartRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a workload file for {@code trellis workload}: proto3 JSON, or YAML with the same field
 * names (converted to JSON with Jackson, then parsed by the lattice's one proto3-JSON codec). The
 * file holds either a whole {@code WorkloadStartRequest} ({@code workloadId}, {@code workload}) or
 * just a {@code Workload}; {@code --id} supplies or overrides the id.
 */
final class WorkloadFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WorkloadFiles() {}

  /** The start request in {@code file}, with {@code id} as its workload id when given. */
  static WorkloadStartRequest read(Path file, Optional<String> id) {
    JsonNode tree = tree(file);
    if (!tree.isObject()) {
      throw new IllegalArgumentException(file + ": expected an object at the top level");
    }
    ObjectNode request;
    if (tree.has("workload") || tree.has("workloadId") || tree.has("workload_id")) {
      request = (ObjectNode) tree;
    } else {
      request = JSON.createObjectNode();
      request.set("workload", tree);
    }
    id.ifPresent(
        value -> {
          request.remove("workload_id");
          request.put("workloadId", value);
        });
    WorkloadStartRequest parsed =
        ProtoJson.decode(
            request.toString().getBytes(StandardCharsets.UTF_8),
            WorkloadStartRequest.getDefaultInstance());
    if (parsed.getWorkloadId().isBlank()) {
      throw new IllegalArgumentException(
          file + ": no workload id; set workloadId in the file or pass --id");
    }
    return parsed;
  }

  /** The workload id {@code target} names: itself, or the id in the workload file it names. */
  static String workloadId(String target) {
    Path file = Path.of(target);
    if (!Files.isRegularFile(file)) {
      return target;
    }
    return read(file, Optional.empty()).getWorkloadId();
  }

  private static JsonNode tree(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
      return (yaml ? new YAMLMapper() : JSON).readTree(text);
    } catch (IOException e) {
      if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
        throw new IllegalArgumentException(file + ": " + p.getOriginalMessage(), e);
      }
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
