package dev.trellis.scheduler.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Placements as stored JSON: {@code {"placements": [{"workload_id", "host_id", "annotations",
 * "phase", "requested_at", "phase_since", "requested_by", "message", "lost_since"?}]}}. A value
 * that does not decode is a {@link ReconcileException} naming the key, never a partial list.
 */
final class PlacementCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlacementCodec() {}

  static byte[] encode(List<Placement> placements) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("placements");
    for (Placement p : placements) {
      ObjectNode node = array.addObject();
      node.put("workload_id", p.workloadId());
      node.put("host_id", p.hostId());
      ObjectNode annotations = node.putObject("annotations");
      p.annotations().forEach(annotations::put);
      node.put("phase", p.phase().name());
      node.put("requested_at", p.requestedAt().toString());
      node.put("phase_since", p.phaseSince().toString());
      node.put("requested_by", p.requestedBy());
      node.put("message", p.message());
      p.lostSince().ifPresent(t -> node.put("lost_since", t.toString()));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new ReconcileException("cannot encode placements: " + e.getMessage(), e);
    }
  }

  static List<Placement> decode(String key, byte[] value) {
    try {
      JsonNode root = JSON.readTree(value);
      List<Placement> placements = new ArrayList<>();
      for (JsonNode node : root.path("placements")) {
        placements.add(placement(node));
      }
      return List.copyOf(placements);
    } catch (IOException | DateTimeException | IllegalArgumentException e) {
      throw new ReconcileException(
          "placements under key " + key + " do not decode: " + e.getMessage(), e);
    }
  }

  private static Placement placement(JsonNode node) {
    Map<String, String> annotations = new TreeMap<>();
    node.path("annotations")
        .properties()
        .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
    JsonNode lost = node.path("lost_since");
    return new Placement(
        text(node, "workload_id"),
        text(node, "host_id"),
        annotations,
        Placement.Phase.valueOf(text(node, "phase")),
        Instant.parse(text(node, "requested_at")),
        Instant.parse(text(node, "phase_since")),
        text(node, "requested_by"),
        node.path("message").asText(""),
        lost.isTextual() ? Optional.of(Instant.parse(lost.asText())) : Optional.empty());
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + field + "'");
    }
    return value.asText();
  }
}
