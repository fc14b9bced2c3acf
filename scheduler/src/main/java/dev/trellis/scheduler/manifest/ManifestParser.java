package dev.trellis.scheduler.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Parses manifest text into a {@link ParseResult}: syntax errors with line and column, then every
 * rule broken, each at its path. The version generator fills in {@code
 * metadata.annotations.version} when a manifest has none (wadm uses a ULID; inject a fixed {@link
 * UlidGenerator} in tests). Thread-safe when the generator is.
 */
public final class ManifestParser {
  private static final Pattern SNAKEYAML_EVENT =
      Pattern.compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\([^>]*\\)>");

  private final Supplier<String> versions;

  /** A parser that names unversioned manifests with {@code versionGenerator}. */
  public ManifestParser(Supplier<String> versionGenerator) {
    this.versions = Objects.requireNonNull(versionGenerator, "versionGenerator");
  }

  /**
   * Parses {@code text}, guessing its format ({@link Format#detect}); text that looks like JSON but
   * is not is read again as YAML, as wadm does.
   */
  public ParseResult parse(String text) {
    Objects.requireNonNull(text, "text");
    if (Format.detect(text) == Format.YAML) {
      return parse(text, Format.YAML);
    }
    Diagnostics diagnostics = new Diagnostics();
    Optional<JsonNode> tree = tree(text, Format.JSON, diagnostics);
    if (tree.isEmpty()) {
      Optional<JsonNode> yaml = tree(text, Format.YAML, new Diagnostics());
      if (yaml.isPresent()) {
        return read(yaml, new Diagnostics());
      }
    }
    return read(tree, diagnostics);
  }

  /** Parses {@code text} as {@code format}. */
  public ParseResult parse(String text, Format format) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(format, "format");
    Diagnostics diagnostics = new Diagnostics();
    return read(tree(text, format, diagnostics), diagnostics);
  }

  private ParseResult read(Optional<JsonNode> tree, Diagnostics diagnostics) {
    Optional<Application> application =
        tree.flatMap(t -> new ManifestReader(diagnostics, versions).application(Node.root(t)));
    if (application.isPresent()) {
      return new ParseResult.Valid(application.orElseThrow(), diagnostics.warnings());
    }
    return new ParseResult.Invalid(diagnostics.errors(), diagnostics.warnings());
  }

  private static Optional<JsonNode> tree(String text, Format format, Diagnostics diagnostics) {
    try (JsonParser parser = Mappers.of(format).createParser(text)) {
      JsonNode tree = Mappers.of(format).readTree(parser);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        diagnostics.error(Diagnostic.DOCUMENT, "manifest is empty");
        return Optional.empty();
      }
      if (parser.nextToken() != null) {
        diagnostics.error(
            where(parser.currentLocation()),
            "a second document follows the manifest; send one manifest at a time");
        return Optional.empty();
      }
      return Optional.of(tree);
    } catch (JsonProcessingException e) {
      diagnostics.error(where(e.getLocation()), format + " syntax error: " + problem(e));
    } catch (IOException e) {
      // Reading from a String does no I/O; Jackson declares the exception regardless.
      diagnostics.error(Diagnostic.DOCUMENT, "unreadable manifest: " + e.getMessage());
    }
    return Optional.empty();
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Diagnostic.DOCUMENT;
    }
    return "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /** The parser's own words without its excerpt of the source (SnakeYAML adds one). */
  private static String problem(JsonProcessingException e) {
    String original = Objects.requireNonNullElse(e.getOriginalMessage(), e.getClass().getName());
    String words =
        original
            .lines()
            .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
            .collect(Collectors.joining("; "));
    return SNAKEYAML_EVENT
        .matcher(words.isEmpty() ? original.strip() : words)
        .replaceAll(m -> Matcher.quoteReplacement(eventName(m.group(1))));
  }

  /** SnakeYAML names what it found by its event class; say it in words instead. */
  private static String eventName(String event) {
    return switch (event) {
      case "MappingStart" -> "the start of a mapping";
      case "MappingEnd" -> "the end of a mapping";
      case "SequenceStart" -> "the start of a sequence";
      case "SequenceEnd" -> "the end of a sequence";
      case "Scalar" -> "a scalar";
      case "Alias" -> "an alias";
      case "DocumentStart" -> "the start of a document";
      case "DocumentEnd" -> "the end of a document";
      case "StreamEnd" -> "the end of the text";
      default -> event.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    };
  }
}
