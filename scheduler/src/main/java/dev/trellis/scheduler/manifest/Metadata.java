package dev.trellis.scheduler.manifest;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code metadata} of an application: its name (unique per lattice), annotations (among them
 * the version, the description and the shared flag) and labels. A valid application always has a
 * version: the parser fills in a generated ULID when the manifest gives none.
 *
 * @param name the application's name, letters, digits, {@code _} and {@code -}
 * @param annotations OAM annotations, {@value #VERSION} included
 * @param labels OAM labels
 */
public record Metadata(String name, Map<String, String> annotations, Map<String, String> labels) {
  /** The annotation holding the version. */
  public static final String VERSION = "version";

  /** The annotation holding the description. */
  public static final String DESCRIPTION = "description";

  /** The annotation that marks an application whose components others may reference. */
  public static final String SHARED = "experimental.wasmcloud.dev/shared";

  public Metadata {
    Objects.requireNonNull(name, "name");
    if (!OamNames.isValidAppName(name)) {
      throw new IllegalArgumentException(
          "application name '" + name + "' is invalid (" + OamNames.APP_NAME_RULE + ")");
    }
    annotations = Checks.sorted(annotations, "annotations");
    labels = Checks.sorted(labels, "labels");
    String version = annotations.get(VERSION);
    if (version == null) {
      throw new IllegalArgumentException("metadata needs a '" + VERSION + "' annotation");
    }
    OamNames.versionProblem(version)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException("version " + problem);
            });
    checkKeys(annotations, "annotation");
    checkKeys(labels, "label");
  }

  /** Metadata with only a name and a version. */
  public static Metadata of(String name, String version) {
    return new Metadata(name, Map.of(VERSION, version), Map.of());
  }

  /** The version annotation. */
  public String version() {
    return annotations.get(VERSION);
  }

  /** The description annotation, if any. */
  public Optional<String> description() {
    return Optional.ofNullable(annotations.get(DESCRIPTION));
  }

  /** Whether other applications may reference this one's components (annotation is "true"). */
  public boolean shared() {
    return "true".equals(annotations.get(SHARED));
  }

  /** This metadata with another version. */
  public Metadata withVersion(String version) {
    Map<String, String> changed = new TreeMap<>(annotations);
    changed.put(VERSION, version);
    return new Metadata(name, changed, labels);
  }

  private static void checkKeys(Map<String, String> map, String what) {
    for (String key : map.keySet()) {
      if (!OamNames.isValidLabelKey(key)) {
        throw new IllegalArgumentException(
            what + " key '" + key + "' is invalid (" + OamNames.LABEL_KEY_RULE + ")");
      }
    }
  }
}
