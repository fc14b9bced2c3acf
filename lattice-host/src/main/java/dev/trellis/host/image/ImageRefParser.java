package dev.trellis.host.image;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reference grammar of {@code distribution/reference} (the one Docker, ORAS and wkg accept),
 * hand-written because ORAS' {@code ContainerRef.parse} is deliberately lenient (it accepts
 * upper-case repositories and {@code localhost} without a port as a namespace) and reports only
 * "Invalid container name format"; a host must tell the author which rule the text breaks.
 */
final class ImageRefParser {

  static final String DOCKER_HUB = "docker.io";
  static final String DEFAULT_TAG = "latest";
  private static final int MAX_NAME_LENGTH = 255;

  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+]");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");

  private ImageRefParser() {}

  static ImageRef parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw invalid(String.valueOf(reference), "an image reference must not be empty");
    }
    if (!reference.equals(reference.strip())
        || reference.chars().anyMatch(Character::isWhitespace)) {
      throw invalid(reference, "an image reference must not contain whitespace");
    }
    if (reference.regionMatches(true, 0, "file:", 0, 5)) {
      return parseFile(reference);
    }
    int scheme = reference.indexOf("://");
    if (scheme >= 0) {
      throw invalid(
          reference,
          "scheme '"
              + reference.substring(0, scheme)
              + "://' is not supported; use file:///abs/path.wasm or registry/repository:tag");
    }
    return parseOci(reference);
  }

  private static ImageRef parseFile(String reference) {
    if (!reference.startsWith("file://")) {
      throw invalid(
          reference, "a file reference must start with 'file://', e.g. file:///abs/app.wasm");
    }
    String rest = reference.substring("file://".length());
    if (rest.startsWith("localhost/")) {
      rest = rest.substring("localhost".length());
    }
    if (!rest.startsWith("/")) {
      throw invalid(
          reference,
          "a file reference must be absolute (file:///abs/app.wasm); relative paths are rejected"
              + " because the host's working directory is not the manifest author's");
    }
    if (rest.length() == 1 || rest.endsWith("/")) {
      throw invalid(reference, "a file reference must name a file, not a directory");
    }
    try {
      return new ImageRef.LocalFile(Path.of(rest));
    } catch (InvalidPathException e) {
      throw invalid(reference, "not a valid path: " + e.getReason());
    }
  }

  private static ImageRef.Oci parseOci(String reference) {
    String remainder = reference;
    Optional<String> digest = Optional.empty();
    int at = remainder.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(checkDigest(remainder.substring(at + 1), reference));
      remainder = remainder.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = remainder.lastIndexOf(':');
    if (colon > remainder.lastIndexOf('/')) {
      tag = Optional.of(checkTag(remainder.substring(colon + 1), reference));
      remainder = remainder.substring(0, colon);
    }
    if (remainder.isEmpty()) {
      throw invalid(reference, "the repository name is missing");
    }
    String registry = DOCKER_HUB;
    String path = remainder;
    int slash = remainder.indexOf('/');
    if (slash >= 0 && looksLikeRegistry(remainder.substring(0, slash))) {
      registry = checkRegistry(remainder.substring(0, slash), reference);
      path = remainder.substring(slash + 1);
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    checkRepository(path, reference);
    if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
      throw invalid(reference, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = Optional.of(DEFAULT_TAG);
    }
    return new ImageRef.Oci(registry, path, tag, digest);
  }

  /** Docker's rule: the first component is a registry if it has a dot or port, or is localhost. */
  private static boolean looksLikeRegistry(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  static String checkRegistry(String registry, String reference) {
    String host = registry;
    int colon = registry.lastIndexOf(':');
    if (colon > registry.lastIndexOf(']')) {
      host = registry.substring(0, colon);
      checkPort(registry.substring(colon + 1), reference);
    }
    if (host.isEmpty()) {
      throw invalid(reference, "the registry host is empty");
    }
    if (host.startsWith("[")) {
      if (!IPV6.matcher(host).matches()) {
        throw invalid(reference, "registry host '" + host + "' is not a bracketed IPv6 address");
      }
      return registry;
    }
    for (String component : host.split("\\.", -1)) {
      if (!DOMAIN_COMPONENT.matcher(component).matches()) {
        throw invalid(
            reference,
            "registry host '"
                + host
                + "' must be dot-separated labels of letters, digits and inner hyphens");
      }
    }
    return registry;
  }

  private static void checkPort(String port, String reference) {
    if (!port.matches("[0-9]{1,5}")
        || Integer.parseInt(port) < 1
        || Integer.parseInt(port) > 65535) {
      throw invalid(reference, "registry port '" + port + "' must be a number in 1..65535");
    }
  }

  static String checkRepository(String repository, String reference) {
    if (repository.isEmpty()) {
      throw invalid(reference, "the repository name is missing");
    }
    for (String component : repository.split("/", -1)) {
      if (component.isEmpty()) {
        throw invalid(
            reference, "the repository path has an empty component ('//' or a '/' at an end)");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        String why =
            component.equals(component.toLowerCase(Locale.ROOT))
                ? "may use only a-z, 0-9 and single '.', '_', '__' or '-' runs between them"
                : "must be lower case";
        throw invalid(reference, "repository component '" + component + "' " + why);
      }
    }
    return repository;
  }

  static String checkTag(String tag, String reference) {
    if (!TAG.matcher(tag).matches()) {
      throw invalid(
          reference,
          "tag '"
              + tag
              + "' must be 1-128 characters of [A-Za-z0-9_.-] and must not start with '.' or '-'");
    }
    return tag;
  }

  static String checkDigest(String digest, String reference) {
    int colon = digest.indexOf(':');
    if (colon < 0) {
      throw invalid(reference, "digest '" + digest + "' must look like sha256:<64 hex characters>");
    }
    String algorithm = digest.substring(0, colon);
    if (!algorithm.equals("sha256")) {
      throw invalid(
          reference, "digest algorithm '" + algorithm + "' is not supported; only sha256 is");
    }
    if (!SHA256_HEX.matcher(digest.substring(colon + 1)).matches()) {
      throw invalid(
          reference,
          "digest '" + digest + "' must be sha256: followed by 64 lower-case hex characters");
    }
    return digest;
  }

  private static ImageException invalid(String reference, String rule) {
    return new ImageException(
        ImageException.Kind.INVALID_REFERENCE,
        reference,
        "invalid image reference '" + reference + "': " + rule);
  }
}
