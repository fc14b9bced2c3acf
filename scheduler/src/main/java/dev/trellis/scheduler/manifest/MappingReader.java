package dev.trellis.scheduler.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the fields of one mapping of the manifest, reporting each missing, mistyped or unknown
 * field at its path and carrying on. Unknown fields are errors where wadm rejects them and warnings
 * where wadm ignores them.
 */
final class MappingReader {
  /** What an unknown field is. */
  enum Unknown {
    /** An error: wadm rejects the field ({@code deny_unknown_fields}). */
    ERROR,
    /** A warning: wadm ignores the field. */
    WARN
  }

  private final Node node;
  private final Diagnostics diagnostics;

  private MappingReader(Node node, Diagnostics diagnostics) {
    this.node = node;
    this.diagnostics = diagnostics;
  }

  /**
   * A reader for {@code node}, or empty (with an error) when it is not a mapping. The caller
   * handles an absent node.
   */
  static Optional<MappingReader> open(
      Node node, Diagnostics diagnostics, Unknown unknown, List<String> known) {
    if (!node.json().isObject()) {
      diagnostics.error(node.where(), "must be a mapping, not " + describe(node.json()));
      return Optional.empty();
    }
    for (String field : node.json().propertyStream().map(Map.Entry::getKey).toList()) {
      if (known.contains(field)) {
        continue;
      }
      String path = Node.childPath(node.path(), field);
      switch (unknown) {
        case ERROR ->
            diagnostics.error(
                path, "unknown field (expected one of: " + String.join(", ", known) + ")");
        case WARN -> diagnostics.warn(path, "unknown field, ignored");
      }
    }
    return Optional.of(new MappingReader(node, diagnostics));
  }

  /** The value of {@code field}. */
  Node at(String field) {
    return node.child(field);
  }

  /** Whether {@code field} is given (and not null). */
  boolean has(String field) {
    return !at(field).isAbsent();
  }

  Node node() {
    return node;
  }

  /** A required non-empty string. */
  Optional<String> requiredText(String field) {
    Node value = at(field);
    if (value.isAbsent()) {
      diagnostics.error(value.where(), "is required");
      return Optional.empty();
    }
    return text(value);
  }

  /** An optional non-empty string; empty when absent or wrong. */
  Optional<String> optionalText(String field) {
    Node value = at(field);
    return value.isAbsent() ? Optional.empty() : text(value);
  }

  /** A non-empty string at {@code value}, which is present. */
  Optional<String> text(Node value) {
    if (!value.json().isTextual()) {
      diagnostics.error(value.where(), mustBeString(value.json()));
      return Optional.empty();
    }
    if (value.json().textValue().isBlank()) {
      diagnostics.error(value.where(), "must not be empty");
      return Optional.empty();
    }
    return Optional.of(value.json().textValue());
  }

  /** A required mapping of strings to strings. */
  Optional<Map<String, String>> requiredStringMap(String field) {
    Node value = at(field);
    if (value.isAbsent()) {
      diagnostics.error(value.where(), "is required");
      return Optional.empty();
    }
    return stringMap(value);
  }

  /** An optional mapping of strings to strings; empty when absent or wrong. */
  Optional<Map<String, String>> optionalStringMap(String field) {
    Node value = at(field);
    return value.isAbsent() ? Optional.empty() : stringMap(value);
  }

  private Optional<Map<String, String>> stringMap(Node value) {
    if (!value.json().isObject()) {
      diagnostics.error(value.where(), "must be a mapping, not " + describe(value.json()));
      return Optional.empty();
    }
    Map<String, String> result = new LinkedHashMap<>();
    boolean clean = true;
    for (Map.Entry<String, JsonNode> entry : value.json().properties()) {
      if (entry.getValue().isTextual()) {
        result.put(entry.getKey(), entry.getValue().textValue());
      } else {
        diagnostics.error(
            Node.childPath(value.path(), entry.getKey()), mustBeString(entry.getValue()));
        clean = false;
      }
    }
    return clean ? Optional.of(result) : Optional.empty();
  }

  /** An integer that must be zero or more; empty when absent or wrong. */
  Optional<Integer> nonNegativeInt(String field) {
    Node value = at(field);
    if (value.isAbsent()) {
      return Optional.empty();
    }
    JsonNode json = value.json();
    if (!json.isIntegralNumber()) {
      diagnostics.error(value.where(), "must be an integer, not " + describe(json));
      return Optional.empty();
    }
    if (json.bigIntegerValue().signum() < 0) {
      diagnostics.error(value.where(), "must be >= 0");
      return Optional.empty();
    }
    if (!json.canConvertToInt()) {
      diagnostics.error(value.where(), "must be <= " + Integer.MAX_VALUE);
      return Optional.empty();
    }
    return Optional.of(json.intValue());
  }

  /** The elements of an optional list; none when absent or not a list. */
  List<Node> list(String field) {
    Node value = at(field);
    if (value.isAbsent()) {
      return List.of();
    }
    if (!value.json().isArray()) {
      diagnostics.error(value.where(), "must be a list, not " + describe(value.json()));
      return List.of();
    }
    List<Node> elements = new ArrayList<>();
    for (int i = 0; i < value.json().size(); i++) {
      elements.add(value.element(i));
    }
    return elements;
  }

  static String mustBeString(JsonNode json) {
    String message = "must be a string, not " + describe(json);
    if (json.isNumber() || json.isBoolean()) {
      message += " (quote it: \"" + json.asText() + "\")";
    }
    return message;
  }

  static String describe(JsonNode json) {
    return switch (json.getNodeType()) {
      case ARRAY -> "a list";
      case OBJECT, POJO -> "a mapping";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case STRING -> "a string";
      case NULL, MISSING -> "empty";
      case BINARY -> "binary data";
    };
  }
}
