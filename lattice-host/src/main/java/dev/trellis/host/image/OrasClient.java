package dev.trellis.host.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import land.oras.ContainerRef;
import land.oras.Descriptor;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.auth.NoAuthProvider;
import land.oras.auth.UsernamePasswordProvider;
import land.oras.exception.OrasException;
import land.oras.utils.Const;

/**
 * The one adapter between Trellis and the ORAS Java SDK: builds ORAS {@link Registry} clients
 * (plain HTTP or HTTPS, anonymous or basic auth, bearer-token exchange done by ORAS), converts
 * {@link ImageRef.Oci} to ORAS' {@link ContainerRef}, and turns every {@link OrasException} into an
 * {@link ImageException} that names the reference and says what to do.
 */
final class OrasClient implements AutoCloseable {

  /** A manifest as fetched, with the digest computed over its exact bytes. */
  record FetchedManifest(String digest, String mediaType, Manifest manifest) {}

  private record Key(boolean plainHttp, Optional<Credentials> credentials) {}

  private final ImageConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<Key, Registry> registries = new ConcurrentHashMap<>();

  OrasClient(ImageConfig config) {
    this.config = config;
  }

  /** The ORAS client for {@code ref}'s registry, cached per transport and credentials. */
  Registry registry(ImageRef.Oci ref, Optional<Credentials> credentials) {
    Key key = new Key(config.usesPlainHttp(ref), credentials);
    return registries.computeIfAbsent(key, this::build);
  }

  private Registry build(Key key) {
    Registry.Builder builder =
        Registry.builder().withInsecure(key.plainHttp()).withExecutorService(executor);
    return key.credentials()
        .map(
            c -> builder.withAuthProvider(new UsernamePasswordProvider(c.username(), c.password())))
        .orElseGet(() -> builder.withAuthProvider(new NoAuthProvider()))
        .build();
  }

  /**
   * ORAS' reference for {@code ref}. ORAS only recognises a registry that contains '.' or ':', so a
   * bare host such as {@code localhost} gets its scheme's default port made explicit.
   */
  ContainerRef containerRef(ImageRef.Oci ref) {
    String registry = ref.registry();
    if (!registry.contains(".") && !registry.contains(":")) {
      registry += config.usesPlainHttp(ref) ? ":80" : ":443";
    }
    String name = registry + "/" + ref.repository();
    return ContainerRef.parse(
        ref.digest()
            .map(d -> name + "@" + d)
            .orElseGet(() -> name + ":" + ref.tag().orElseThrow()));
  }

  /** Fetches and parses the manifest of {@code ref}, verifying a pinned digest. */
  FetchedManifest manifest(ImageRef.Oci ref, Optional<Credentials> credentials) {
    Descriptor descriptor =
        call(
            ref,
            credentials,
            "manifest",
            () -> registry(ref, credentials).getDescriptor(containerRef(ref)));
    String mediaType = String.valueOf(descriptor.getMediaType());
    if (mediaType.equals(Const.DEFAULT_INDEX_MEDIA_TYPE)
        || mediaType.equals(Const.DOCKER_INDEX_MEDIA_TYPE)) {
      throw new ImageException(
          ImageException.Kind.NOT_WASM,
          ref.toString(),
          "image " + ref + " is an image index (" + mediaType + "), not a Wasm artifact manifest");
    }
    String json = descriptor.getJson();
    String digest = Sha256.of(json.getBytes(StandardCharsets.UTF_8));
    Optional<String> expected = ref.digest().or(() -> Optional.ofNullable(descriptor.getDigest()));
    if (expected.isPresent() && !expected.get().equals(digest)) {
      throw new ImageException(
          ImageException.Kind.DIGEST_MISMATCH,
          ref.toString(),
          "digest mismatch for the manifest of image "
              + ref
              + ": expected "
              + expected.get()
              + " but the registry sent bytes hashing to "
              + digest);
    }
    Manifest manifest = call(ref, credentials, "manifest", () -> Manifest.fromJson(json));
    return new FetchedManifest(digest, mediaType, manifest);
  }

  /** Opens the blob {@code digest} of {@code ref}'s repository; the caller closes it. */
  InputStream openBlob(ImageRef.Oci ref, Optional<Credentials> credentials, String digest) {
    return call(
        ref,
        credentials,
        "layer " + digest,
        () -> registry(ref, credentials).fetchBlob(containerRef(ref).withDigest(digest)));
  }

  /** Runs an ORAS call, translating its failures. */
  <T> T call(ImageRef.Oci ref, Optional<Credentials> credentials, String what, Supplier<T> op) {
    try {
      return op.get();
    } catch (OrasException e) {
      throw translate(e, ref, credentials, what);
    }
  }

  ImageException translate(
      OrasException e, ImageRef.Oci ref, Optional<Credentials> credentials, String what) {
    int status = e.getStatusCode();
    if (status == 404) {
      return new ImageException(
          ImageException.Kind.NOT_FOUND,
          ref.toString(),
          "image %s not found: registry %s answered 404 for the %s"
              .formatted(ref, ref.registry(), what),
          e);
    }
    if (status == 401 || status == 403) {
      String who =
          credentials
              .map(c -> "with the credentials of user '" + c.username() + "'")
              .orElse("anonymously");
      String hint =
          what.endsWith("upload") ? "check the push credentials" : "check the pull secret";
      return new ImageException(
          ImageException.Kind.UNAUTHORIZED,
          ref.toString(),
          "registry %s refused access to image %s (HTTP %d on the %s, requested %s): %s"
              .formatted(ref.registry(), ref, status, what, who, hint),
          e);
    }
    Optional<Throwable> network = networkCause(e);
    if (network.isPresent()) {
      return unreachable(ref, network.get(), e);
    }
    String detail = status > 0 ? "HTTP " + status + ", " + e.getMessage() : e.getMessage();
    if (e.getError() != null) {
      detail += ", " + e.getError().message();
    }
    return new ImageException(
        ImageException.Kind.REGISTRY_ERROR,
        ref.toString(),
        "registry %s failed on the %s of image %s: %s".formatted(ref.registry(), what, ref, detail),
        e);
  }

  private ImageException unreachable(ImageRef.Oci ref, Throwable network, OrasException e) {
    String scheme = config.usesPlainHttp(ref) ? "http" : "https";
    return new ImageException(
        ImageException.Kind.UNREACHABLE,
        ref.toString(),
        "registry %s is unreachable over %s for image %s: %s"
            .formatted(ref.registry(), scheme, ref, describe(network)),
        e);
  }

  /** A human reason for a network failure; the JDK's exceptions often carry no message. */
  private static String describe(Throwable network) {
    for (Throwable t = network; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the host name does not resolve";
      }
      if (t instanceof SSLException) {
        return "TLS failed ("
            + t.getMessage()
            + "); if the registry speaks plain HTTP, list it among the insecure registries";
      }
      if (t instanceof HttpTimeoutException) {
        return "timed out";
      }
    }
    if (network instanceof ConnectException) {
      String reason = Optional.ofNullable(network.getMessage()).orElse("connection refused");
      return "cannot connect (" + reason + "); is the registry running there?";
    }
    return network.toString();
  }

  private static Optional<Throwable> networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      // ConnectException, UnknownHostException, HttpTimeoutException and SSLException are all
      // IOExceptions; an unresolvable host can also surface as UnresolvedAddressException.
      if (t instanceof IOException || t instanceof UnresolvedAddressException) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    executor.close();
  }
}
