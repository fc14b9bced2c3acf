package dev.trellis.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.proto.ProtoJson;
import dev.trellis.proto.Subjects.HostOperation;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadStartResponse;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStatusResponse;
import dev.trellis.proto.v2.WorkloadStopResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The malformed Host API requests of the bad-input suite ({@link BadInputIT}), kept apart from the
 * suite's processes and assertions so each corpus reads on its own.
 */
final class HostApiCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HostApiCorpus() {}

  /** One damaged request: which Host API operation it goes to, what is wrong with it, its bytes. */
  record Case(HostOperation operation, String description, byte[] payload) {}

  /**
   * The corpus: every field of a valid start request given every wrong JSON type, missing fields,
   * text that is not a JSON object, random and truncated bytes, deep nesting and huge values, and
   * damaged stop and status requests; seeded by {@code mutator}.
   */
  static List<Case> cases(Mutator mutator) throws Exception {
    List<Case> out = new ArrayList<>();
    HostOperation start = HostOperation.WORKLOAD_START;
    // a valid request, then every field of it given a value of every wrong JSON type
    JsonNode base =
        JSON.readTree(
            ProtoJson.print(
                WorkloadLatticeIT.request(
                    "api-base",
                    WorkloadLatticeIT.component("calc", "calc")
                        .setPoolSize(1)
                        .setLocalResources(
                            LocalResources.newBuilder()
                                .setMemoryLimitMb(16)
                                .putConfig("k", "v")
                                .addAllowedHosts("example.com")),
                    WorkloadLatticeIT.component("adder", "adder"))));
    List<JsonNode> wrong =
        List.of(
            JsonNodeFactory.instance.numberNode(-7),
            JsonNodeFactory.instance.numberNode(1.5),
            JsonNodeFactory.instance.textNode("not-a-number"),
            JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.arrayNode().add(1),
            JsonNodeFactory.instance.objectNode().put("x", 1),
            JsonNodeFactory.instance.textNode(""),
            JsonNodeFactory.instance.numberNode(new java.math.BigInteger("99999999999999999999")));
    List<String> paths = new ArrayList<>();
    collectPaths(base, "", paths);
    int n = 0;
    for (String path : paths) {
      for (JsonNode value : wrong) {
        JsonNode copy = base.deepCopy();
        ((ObjectNode) copy).put("workloadId", "api-" + n++);
        replace(copy, path, value);
        out.add(new Case(start, path + " = " + value, JSON.writeValueAsBytes(copy)));
      }
    }
    // missing fields
    out.add(new Case(start, "empty object", BadInputIT.bytes("{}")));
    out.add(new Case(start, "no workload", BadInputIT.bytes("{\"workloadId\":\"api-nowl\"}")));
    out.add(
        new Case(
            start,
            "no components",
            BadInputIT.bytes("{\"workloadId\":\"api-nocomp\",\"workload\":{\"witWorld\":{}}}")));
    out.add(
        new Case(
            start,
            "component without image",
            BadInputIT.bytes(
                "{\"workloadId\":\"api-noimg\",\"workload\":{\"witWorld\":{\"components\":[{}]}}}")));
    // not JSON, or not a JSON object
    for (String text :
        List.of(
            "",
            "null",
            "[]",
            "\"start\"",
            "42",
            "{",
            "{\"workloadId\":",
            "{\"workloadId\":\"x\",}",
            "{'workloadId':'x'}",
            "\uFEFF{}",
            "{\"workloadId\":\"a\"}{\"workloadId\":\"b\"}",
            "{\"imagePullPolicy\":\"IMAGE_PULL_POLICY_SOMETIMES\"}",
            "{\"workload\":{\"witWorld\":{\"components\":[{\"imagePullPolicy\":\"NOPE\","
                + "\"image\":\"file:///x.wasm\"}]}},\"workloadId\":\"api-enum\"}")) {
      out.add(new Case(start, "text " + text, BadInputIT.bytes(text)));
    }
    for (int i = 0; i < 15; i++) {
      byte[] noise = mutator.noise(1 + mutator.nextInt(200));
      out.add(new Case(start, "random bytes #" + i, noise));
    }
    String good = JSON.writeValueAsString(base);
    for (int i = 0; i < 15; i++) {
      int at = 1 + mutator.nextInt(good.length() - 1);
      out.add(new Case(start, "truncated at " + at, BadInputIT.bytes(good.substring(0, at))));
    }
    out.add(new Case(start, "invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, '"', '}'}));
    // nesting and size
    out.add(new Case(start, "arrays nested 100000 deep", BadInputIT.bytes("[".repeat(100_000))));
    out.add(
        new Case(
            start,
            "objects nested 20000 deep in workload.annotations",
            BadInputIT.bytes("{\"workload\":{\"annotations\":" + "{\"a\":".repeat(20_000) + "1")));
    String huge = "x".repeat(400_000);
    out.add(
        new Case(
            start,
            "workload_id of 400000 characters",
            BadInputIT.bytes("{\"workloadId\":\"" + huge + "\"}")));
    out.add(
        new Case(
            start,
            "image of 400000 characters",
            BadInputIT.bytes(
                "{\"workloadId\":\"api-hugeimg\",\"workload\":{\"witWorld\":{\"components\":"
                    + "[{\"image\":\"file:///"
                    + huge
                    + "\"}]}}}")));
    StringBuilder many =
        new StringBuilder("{\"workloadId\":\"api-many\",\"workload\":{\"witWorld\"");
    many.append(":{\"components\":[");
    for (int i = 0; i < 20_000; i++) {
      many.append(i == 0 ? "" : ",").append("{\"name\":\"c").append(i).append("\"}");
    }
    out.add(new Case(start, "20000 components without images", BadInputIT.bytes(many + "]}}}")));
    // stop and status
    for (HostOperation op : List.of(HostOperation.WORKLOAD_STOP, HostOperation.WORKLOAD_STATUS)) {
      for (String text :
          List.of(
              "{",
              "[]",
              "{\"workloadId\":5}",
              "{\"workloadId\":{}}",
              "{\"workloadId\":[\"a\"]}",
              "{\"workloadId\":\"\"}",
              "{\"workloadId\":\"no-such-workload\"}",
              "{\"workloadId\":\"" + huge + "\"}",
              "{\"workloadId\":\"\\u0000\\n..*>\"}")) {
        out.add(
            new Case(op, op.suffix() + " " + BadInputIT.abbreviate(text), BadInputIT.bytes(text)));
      }
      out.add(new Case(op, op.suffix() + " random bytes", mutator.noise(64)));
    }
    return out;
  }

  private static void collectPaths(JsonNode node, String at, List<String> out) {
    if (!at.isEmpty() && !at.equals("/workloadId")) {
      out.add(at);
    }
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(f -> collectPaths(node.get(f), at + "/" + f, out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectPaths(node.get(i), at + "/" + i, out);
      }
    }
  }

  private static void replace(JsonNode root, String path, JsonNode value) {
    int slash = path.lastIndexOf('/');
    JsonNode parent = root.at(path.substring(0, slash));
    String key = path.substring(slash + 1);
    if (parent instanceof ObjectNode o) {
      o.set(key, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(key), value);
    }
  }

  /** The workload status in a Host API reply to {@code operation}. */
  static WorkloadStatus statusOf(HostOperation operation, byte[] reply) {
    return switch (operation) {
      case WORKLOAD_START ->
          ProtoJson.decode(reply, WorkloadStartResponse.getDefaultInstance()).getWorkloadStatus();
      case WORKLOAD_STOP ->
          ProtoJson.decode(reply, WorkloadStopResponse.getDefaultInstance()).getWorkloadStatus();
      case WORKLOAD_STATUS ->
          ProtoJson.decode(reply, WorkloadStatusResponse.getDefaultInstance()).getWorkloadStatus();
      case HEARTBEAT -> throw new IllegalArgumentException("heartbeats carry no status");
    };
  }
}
