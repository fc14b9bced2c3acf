package dev.trellis.host.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains a component's verified bytes for {@code workload.start}: reads {@code file://} images in
 * place, and pulls Wasm artifacts from OCI registries into a content-addressed cache, honouring the
 * workload's pull policy and pull secret. Thread-safe; one per host.
 *
 * <p>The registry protocol (manifests, blobs, basic auth and token exchange, plain HTTP) is the
 * ORAS Java SDK's ({@link OrasClient}). Written here, because ORAS lacks them: the pull policy, the
 * cache and its tag index, streaming SHA-256 verification of layers with progress callbacks ({@link
 * Sha256}), and errors that name the reference.
 */
public final class ImageFetcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImageFetcher.class);

  private final ImageConfig config;
  private final ImageCache cache;
  private final OrasClient oras;

  private ImageFetcher(ImageConfig config) {
    this.config = config;
    this.cache = new ImageCache(config.cacheDir());
    this.oras = new OrasClient(config);
  }

  /** A fetcher with the given registry access and cache settings. */
  public static ImageFetcher create(ImageConfig config) {
    return new ImageFetcher(Objects.requireNonNull(config, "config"));
  }

  /**
   * Fetches {@code ref}.
   *
   * <p>{@code file://} images ignore the policy (nothing is pulled). For OCI images: {@code NEVER}
   * answers from the cache or fails; {@code IF_NOT_PRESENT} answers from the cache with no network
   * when this reference (tag or digest) was pulled before; {@code ALWAYS} resolves the reference
   * with the registry and downloads the layer unless its digest is already cached; {@code
   * UNSPECIFIED} applies the host default.
   *
   * @param credentials the workload's pull secret; empty for anonymous access
   * @param progress told about the layer download
   * @throws ImageException naming the reference and the cause
   */
  public FetchedImage fetch(
      ImageRef ref,
      ImagePullPolicy policy,
      Optional<Credentials> credentials,
      ProgressListener progress) {
    return switch (ref) {
      case ImageRef.LocalFile file -> readLocal(file);
      case ImageRef.Oci oci -> fetchOci(oci, policy, credentials, progress);
    };
  }

  private FetchedImage fetchOci(
      ImageRef.Oci ref,
      ImagePullPolicy policy,
      Optional<Credentials> credentials,
      ProgressListener progress) {
    return switch (policy) {
      case UNSPECIFIED -> fetchOci(ref, config.defaultPolicy(), credentials, progress);
      case NEVER -> fromCache(ref).orElseThrow(() -> notCached(ref));
      case IF_NOT_PRESENT -> fromCache(ref).orElseGet(() -> pull(ref, credentials, progress));
      case ALWAYS -> pull(ref, credentials, progress);
    };
  }

  private Optional<FetchedImage> fromCache(ImageRef.Oci ref) {
    return cache
        .lookup(ref)
        .map(
            hit -> {
              LOG.debug("image cache hit ref={} layer={}", ref, hit.entry().layerDigest());
              return new FetchedImage(
                  ref,
                  hit.blob(),
                  hit.entry().layerDigest(),
                  hit.entry().size(),
                  Optional.of(hit.entry().manifestDigest()),
                  FetchedImage.Source.CACHE);
            });
  }

  private FetchedImage pull(
      ImageRef.Oci ref, Optional<Credentials> credentials, ProgressListener progress) {
    long started = System.nanoTime();
    OrasClient.FetchedManifest manifest = oras.manifest(ref, credentials);
    WasmLayout.WasmLayer layer = WasmLayout.wasmLayer(ref, manifest.manifest());
    Optional<Path> cached = cache.blob(layer.digest());
    Path blob = cached.orElseGet(() -> download(ref, credentials, layer, progress));
    if (cached.isPresent()) {
      progress.onProgress(ref, layer.size(), layer.size());
    }
    checkWasm(ref, blob, "layer " + layer.digest());
    ImageCache.Entry entry = new ImageCache.Entry(manifest.digest(), layer.digest(), layer.size());
    cache.record(ref, entry);
    cache.record(ref.withDigest(manifest.digest()), entry);
    LOG.info(
        "image pulled ref={} manifest={} layer={} bytes={} downloaded={} millis={}",
        ref,
        manifest.digest(),
        layer.digest(),
        layer.size(),
        cached.isEmpty(),
        (System.nanoTime() - started) / 1_000_000);
    return new FetchedImage(
        ref,
        blob,
        layer.digest(),
        layer.size(),
        Optional.of(manifest.digest()),
        FetchedImage.Source.REGISTRY);
  }

  private Path download(
      ImageRef.Oci ref,
      Optional<Credentials> credentials,
      WasmLayout.WasmLayer layer,
      ProgressListener progress) {
    progress.onProgress(ref, 0, layer.size());
    try (InputStream in = new NetworkStream(oras.openBlob(ref, credentials, layer.digest()))) {
      return cache.store(
          ref, in, layer.digest(), soFar -> progress.onProgress(ref, soFar, layer.size()));
    } catch (IOException | UncheckedIOException e) {
      throw new ImageException(
          ImageException.Kind.UNREACHABLE,
          ref.toString(),
          "download of layer "
              + layer.digest()
              + " of image "
              + ref
              + " from registry "
              + ref.registry()
              + " broke off: "
              + e,
          e);
    }
  }

  private FetchedImage readLocal(ImageRef.LocalFile ref) {
    Path path = ref.path();
    if (!Files.isRegularFile(path)) {
      throw new ImageException(
          ImageException.Kind.NOT_FOUND,
          ref.toString(),
          "image "
              + ref
              + " not found: "
              + (Files.isDirectory(path) ? "it is a directory" : "no such file"));
    }
    try {
      checkWasm(ref, path, "file");
      String digest = Sha256.of(path);
      long size = Files.size(path);
      LOG.debug("image read from file ref={} digest={} bytes={}", ref, digest, size);
      return new FetchedImage(
          ref, path, digest, size, Optional.empty(), FetchedImage.Source.LOCAL_FILE);
    } catch (NoSuchFileException e) {
      throw new ImageException(
          ImageException.Kind.NOT_FOUND,
          ref.toString(),
          "image " + ref + " not found: no such file",
          e);
    } catch (IOException e) {
      throw new ImageException(
          ImageException.Kind.IO, ref.toString(), "cannot read image " + ref + ": " + e, e);
    }
  }

  private static void checkWasm(ImageRef ref, Path file, String what) {
    byte[] header;
    try {
      header = WasmLayout.header(file);
    } catch (IOException e) {
      throw new ImageException(
          ImageException.Kind.IO, ref.toString(), "cannot read image " + ref + ": " + e, e);
    }
    if (!WasmLayout.hasWasmMagic(header)) {
      throw new ImageException(
          ImageException.Kind.NOT_WASM,
          ref.toString(),
          "image "
              + ref
              + " is not a Wasm artifact: its "
              + what
              + " does not start with the Wasm magic number \\0asm but with "
              + WasmLayout.hexHeader(header));
    }
  }

  private static ImageException notCached(ImageRef.Oci ref) {
    return new ImageException(
        ImageException.Kind.NOT_CACHED,
        ref.toString(),
        "image "
            + ref
            + " is not in the image cache and the pull policy is NEVER; pull it first or use"
            + " IF_NOT_PRESENT");
  }

  /** The cache directory in use. */
  public Path cacheDir() {
    return cache.root();
  }

  @Override
  public void close() {
    oras.close();
  }

  /**
   * Marks read failures of the registry stream as network failures, so that {@link ImageCache}'s
   * own I/O errors (disk full) and a dropped connection get different messages.
   */
  private static final class NetworkStream extends FilterInputStream {
    NetworkStream(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      try {
        return super.read(b, off, len);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
