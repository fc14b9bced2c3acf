package dev.trellis.scheduler.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.trellis.scheduler.SchedulerException;
import java.util.function.Supplier;

/**
 * The front door for manifests: parse YAML or JSON into a {@link ParseResult}, write an {@link
 * Application} back as canonical YAML or JSON. Unversioned manifests get a ULID from the system
 * clock; use {@link #parser(Supplier)} to inject another generator.
 */
public final class Manifests {
  private static final ManifestParser DEFAULT = new ManifestParser(UlidGenerator.system());

  private Manifests() {}

  /** Parses {@code text}, detecting YAML or JSON. */
  public static ParseResult parse(String text) {
    return DEFAULT.parse(text);
  }

  /** Parses {@code text} as {@code format}. */
  public static ParseResult parse(String text, Format format) {
    return DEFAULT.parse(text, format);
  }

  /** A parser that versions unversioned manifests with {@code versionGenerator}. */
  public static ManifestParser parser(Supplier<String> versionGenerator) {
    return new ManifestParser(versionGenerator);
  }

  /** {@code application} as canonical text in {@code format}. */
  public static String write(Application application, Format format) {
    try {
      return Mappers.of(format).writeValueAsString(ManifestWriter.document(application));
    } catch (JsonProcessingException e) {
      throw new SchedulerException(
          "cannot write manifest " + application.name() + " " + application.version(), e);
    }
  }

  /** {@code application} as canonical YAML. */
  public static String toYaml(Application application) {
    return write(application, Format.YAML);
  }

  /** {@code application} as canonical, indented JSON. */
  public static String toJson(Application application) {
    return write(application, Format.JSON);
  }
}
