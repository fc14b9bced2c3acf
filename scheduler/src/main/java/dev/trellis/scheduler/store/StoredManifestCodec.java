package dev.trellis.scheduler.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.proto.Subjects;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Format;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.ParseResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The KV values in wadm's layout: an application is {@code {"manifests": {"<version>": <manifest>,
 * ...}, "deployed_version": "<version>" | null}} with versions in insertion order, a lattice's
 * index is a sorted JSON array of names. Decoding re-validates every manifest, so a value that does
 * not decode is reported, never half-used.
 */
final class StoredManifestCodec {
  static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private StoredManifestCodec() {}

  static byte[] encode(StoredManifest stored) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode manifests = root.putObject("manifests");
    for (Application version : stored.versions()) {
      manifests.set(version.version(), manifestTree(version));
    }
    stored
        .deployedVersion()
        .ifPresentOrElse(
            v -> root.put("deployed_version", v), () -> root.putNull("deployed_version"));
    return bytes(root);
  }

  /** The manifest as the JSON tree the scheduler API and the store carry. */
  static JsonNode manifestTree(Application application) {
    try {
      return JSON.readTree(Manifests.toJson(application));
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode manifest " + application.name(), e);
    }
  }

  static StoredManifest decode(String key, byte[] value) {
    JsonNode root = tree(key, value);
    JsonNode manifests = root.path("manifests");
    if (!manifests.isObject() || manifests.isEmpty()) {
      throw corrupt(key, "'manifests' is not a non-empty object");
    }
    List<Application> versions = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : manifests.properties()) {
      versions.add(manifest(key, entry.getKey(), entry.getValue()));
    }
    JsonNode deployed = root.path("deployed_version");
    Optional<String> deployedVersion =
        deployed.isTextual() ? Optional.of(deployed.asText()) : Optional.empty();
    try {
      return new StoredManifest(versions.getFirst().name(), versions, deployedVersion);
    } catch (IllegalArgumentException e) {
      throw corrupt(key, e.getMessage());
    }
  }

  private static Application manifest(String key, String version, JsonNode node) {
    String text;
    try {
      text = JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw corrupt(key, "version " + version + " cannot be re-read: " + e.getOriginalMessage());
    }
    // wadm always writes the version annotation; the map key stands in if it ever does not.
    ParseResult parsed = Manifests.parser(() -> version).parse(text, Format.JSON);
    return switch (parsed) {
      case ParseResult.Valid valid -> {
        if (!valid.application().version().equals(version)) {
          throw corrupt(
              key,
              "version "
                  + version
                  + " holds a manifest of version "
                  + valid.application().version());
        }
        yield valid.application();
      }
      case ParseResult.Invalid invalid ->
          throw corrupt(key, "version " + version + " no longer validates: " + invalid.errors());
    };
  }

  static byte[] encodeIndex(SortedSet<String> names) {
    ArrayNode array = JSON.createArrayNode();
    names.forEach(array::add);
    return bytes(array);
  }

  static SortedSet<String> decodeIndex(String key, byte[] value) {
    JsonNode root = tree(key, value);
    if (!root.isArray()) {
      throw corrupt(key, "the application index is not a JSON array");
    }
    SortedSet<String> names = new TreeSet<>();
    for (JsonNode name : root) {
      if (!name.isTextual()) {
        throw corrupt(key, "the application index holds a non-string " + name);
      }
      names.add(name.asText());
    }
    return names;
  }

  private static JsonNode tree(String key, byte[] value) {
    try {
      JsonNode root = JSON.readTree(value);
      if (root == null || root.isMissingNode()) {
        throw corrupt(key, "the value is empty");
      }
      return root;
    } catch (IOException e) {
      throw corrupt(key, "not JSON: " + e.getMessage());
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new StoreException("cannot encode a stored value", e);
    }
  }

  private static StoreException corrupt(String key, String problem) {
    return new StoreException(
        "stored entry '"
            + key
            + "' in bucket "
            + Subjects.MANIFEST_BUCKET
            + " is unreadable: "
            + problem);
  }
}
