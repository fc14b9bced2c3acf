package dev.trellis.scheduler.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.regex.Pattern;

/**
 * A node of the parsed document together with its path, so every finding can say where it is. Paths
 * read like {@code spec.components[0].traits[1].properties.target.name}; keys that are not plain
 * words are quoted: {@code metadata.annotations["experimental.wasmcloud.dev/shared"]}.
 */
record Node(JsonNode json, String path) {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** The document root. */
  static Node root(JsonNode json) {
    return new Node(json, "");
  }

  /** The value of {@code key} (missing when absent). */
  Node child(String key) {
    JsonNode value = json.isObject() ? json.get(key) : null;
    return new Node(value == null ? MissingNode.getInstance() : value, childPath(path, key));
  }

  /** The {@code index}th element. */
  Node element(int index) {
    return new Node(json.get(index), indexPath(path, index));
  }

  /** Whether the node is absent or an explicit null (wadm reads both as "not given"). */
  boolean isAbsent() {
    return json.isMissingNode() || json.isNull();
  }

  /** The path for findings: the document marker at the root. */
  String where() {
    return path.isEmpty() ? Diagnostic.DOCUMENT : path;
  }

  static String childPath(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }

  static String indexPath(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
