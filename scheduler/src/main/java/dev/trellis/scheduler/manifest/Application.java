package dev.trellis.scheduler.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A wadm OAM {@code Application} manifest, validated and with defaults applied: what the scheduler
 * stores, versions and reconciles. Constructing one checks every rule that spans components (unique
 * names and ids, link targets, duplicate links and link configs, secret policies) and throws a
 * {@link ManifestException} naming each broken rule by path.
 *
 * @param apiVersion the OAM api version, normally {@value #API_VERSION}
 * @param kind always {@value #KIND}
 * @param metadata name, annotations (version included), labels
 * @param spec components and policies
 */
public record Application(String apiVersion, String kind, Metadata metadata, Spec spec) {
  /** The OAM api version wadm writes. */
  public static final String API_VERSION = "core.oam.dev/v1beta1";

  /** The only manifest kind. */
  public static final String KIND = "Application";

  public Application {
    Checks.text(apiVersion, "apiVersion");
    if (!KIND.equals(kind)) {
      throw new IllegalArgumentException("kind must be '" + KIND + "', got '" + kind + "'");
    }
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(spec, "spec");
    List<Diagnostic> errors =
        CrossChecks.run(CrossReferences.of(spec), Optional.of(metadata.name()));
    if (!errors.isEmpty()) {
      throw new ManifestException(errors);
    }
  }

  /** An application of the current api version and kind. */
  public static Application of(Metadata metadata, Spec spec) {
    return new Application(API_VERSION, KIND, metadata, spec);
  }

  /** The application's name. */
  public String name() {
    return metadata.name();
  }

  /** The application's version. */
  public String version() {
    return metadata.version();
  }

  /** The lattice id of {@code component}: its explicit id, else {@code {app}-{component}}. */
  public String componentId(Component component) {
    return component.id(metadata.name());
  }

  /** This application with another version. */
  public Application withVersion(String version) {
    return new Application(apiVersion, kind, metadata.withVersion(version), spec);
  }
}
