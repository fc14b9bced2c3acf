package dev.trellis.host.image;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a component's bytes come from: a {@code Component.image} string of the Host API, parsed
 * once and validated, so that fetching never guesses. Either an absolute local file ({@code
 * file:///abs/app.wasm}) or an OCI reference ({@code registry[:port]/repo[/more][:tag][@sha256:…]})
 * with Docker Hub defaults applied ({@code hello} means {@code docker.io/library/hello:latest}).
 *
 * <p>Relative {@code file://} references are rejected rather than resolved: a host is a daemon
 * whose working directory has nothing to do with where the manifest's author stood.
 */
public sealed interface ImageRef permits ImageRef.LocalFile, ImageRef.Oci {

  /**
   * Parses a reference, applying Docker Hub defaults (registry {@code docker.io}, namespace {@code
   * library/}, tag {@code latest}).
   *
   * @throws ImageException of kind {@link ImageException.Kind#INVALID_REFERENCE} naming the
   *     reference and the rule it breaks
   */
  static ImageRef parse(String reference) {
    return ImageRefParser.parse(reference);
  }

  /**
   * A component stored on the host's own file system.
   *
   * @param path an absolute, normalised path
   */
  record LocalFile(Path path) implements ImageRef {
    public LocalFile {
      Objects.requireNonNull(path, "path");
      if (!path.isAbsolute()) {
        throw new ImageException(
            ImageException.Kind.INVALID_REFERENCE,
            path.toString(),
            "invalid image reference 'file://" + path + "': the path must be absolute");
      }
      path = path.normalize();
    }

    @Override
    public String toString() {
      return "file://" + path;
    }
  }

  /**
   * A component stored in an OCI registry (distribution API v2).
   *
   * @param registry host and optional port, e.g. {@code ghcr.io}, {@code localhost:5000}
   * @param repository the lower-case repository path, e.g. {@code library/hello}
   * @param tag the tag; empty only when {@code digest} is present
   * @param digest the manifest digest {@code sha256:<64 hex>} that pins the content
   */
  record Oci(String registry, String repository, Optional<String> tag, Optional<String> digest)
      implements ImageRef {
    public Oci {
      ImageRefParser.checkRegistry(registry, registry);
      ImageRefParser.checkRepository(repository, repository);
      tag.ifPresent(t -> ImageRefParser.checkTag(t, t));
      digest.ifPresent(d -> ImageRefParser.checkDigest(d, d));
      if (tag.isEmpty() && digest.isEmpty()) {
        throw new ImageException(
            ImageException.Kind.INVALID_REFERENCE,
            registry + "/" + repository,
            "invalid image reference '" + registry + "/" + repository + "': needs a tag or digest");
      }
    }

    /** The host part of {@link #registry()}, without port (IPv6 keeps its brackets). */
    public String host() {
      int colon = registry.lastIndexOf(':');
      boolean hasPort = colon > registry.lastIndexOf(']');
      return hasPort ? registry.substring(0, colon) : registry;
    }

    /** True for {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, without DNS lookups. */
    public boolean isLoopback() {
      String host = host();
      return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    /** The same repository pinned to a manifest digest (the tag is dropped). */
    public Oci withDigest(String manifestDigest) {
      return new Oci(registry, repository, Optional.empty(), Optional.of(manifestDigest));
    }

    /** {@code registry/repository} without tag or digest. */
    public String name() {
      return registry + "/" + repository;
    }

    @Override
    public String toString() {
      return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
  }
}
