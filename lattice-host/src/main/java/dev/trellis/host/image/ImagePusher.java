package dev.trellis.host.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.utils.Const;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a component to an OCI registry ({@code trellis push app.wasm registry/repo:tag}) in the
 * CNCF Wasm OCI artifact layout that wkg and wasmCloud read: a config blob of media type {@code
 * application/vnd.wasm.config.v0+json} and one {@code application/wasm} layer. Blob uploads and the
 * manifest PUT are the ORAS SDK's; this class only lays the artifact out.
 */
public final class ImagePusher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ImagePusher.class);

  private final OrasClient oras;
  private final Clock clock;

  /**
   * What a push produced.
   *
   * @param ref the tag that now points at the artifact
   * @param manifestDigest the digest to pin the artifact with ({@code ref@manifestDigest})
   * @param layerDigest the digest of the Wasm bytes
   * @param size the number of Wasm bytes
   */
  public record PushResult(ImageRef.Oci ref, String manifestDigest, String layerDigest, long size) {
    public PushResult {
      Objects.requireNonNull(ref, "ref");
      ImageRefParser.checkDigest(manifestDigest, ref.toString());
      ImageRefParser.checkDigest(layerDigest, ref.toString());
    }

    /** The pushed artifact pinned by digest. */
    public ImageRef.Oci pinned() {
      return ref.withDigest(manifestDigest);
    }
  }

  private ImagePusher(ImageConfig config, Clock clock) {
    this.oras = new OrasClient(config);
    this.clock = clock;
  }

  /**
   * A pusher using {@code config}'s transport rules (plain HTTP for loopback and listed registries)
   * and {@code clock} for the artifact's creation time.
   */
  public static ImagePusher create(ImageConfig config, Clock clock) {
    return new ImagePusher(Objects.requireNonNull(config), Objects.requireNonNull(clock));
  }

  /**
   * Pushes {@code wasm} to {@code target}, which must carry a tag.
   *
   * @throws ImageException when the file is not Wasm, the target is digest-pinned, or the registry
   *     refuses (unauthorized, unreachable, ...)
   */
  public PushResult push(Path wasm, ImageRef.Oci target, Optional<Credentials> credentials) {
    return push(wasm, target, credentials, ProgressListener.NONE);
  }

  /**
   * As {@link #push(Path, ImageRef.Oci, Optional)}, telling {@code progress} when the Wasm layer
   * upload starts (0 bytes) and when the registry has it (all bytes); the ORAS SDK reports nothing
   * in between.
   */
  public PushResult push(
      Path wasm,
      ImageRef.Oci target,
      Optional<Credentials> credentials,
      ProgressListener progress) {
    if (target.tag().isEmpty() || target.digest().isPresent()) {
      throw new ImageException(
          ImageException.Kind.INVALID_REFERENCE,
          target.toString(),
          "cannot push to " + target + ": a push target needs a tag and no digest");
    }
    byte[] header = readHeader(wasm, target);
    Registry registry = oras.registry(target, credentials);
    ContainerRef ref = oras.containerRef(target);
    long size = size(wasm, target);
    progress.onProgress(target, 0, size);
    Layer layer =
        oras.call(
                target,
                credentials,
                "layer upload",
                () ->
                    registry.pushBlob(
                        ref, wasm, Map.of(Const.ANNOTATION_TITLE, wasm.getFileName().toString())))
            .withMediaType(WasmLayout.WASM_LAYER);
    progress.onProgress(target, size, size);
    String created = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    byte[] configJson = configJson(created, WasmLayout.isComponent(header), layer.getDigest());
    Layer configBlob =
        oras.call(target, credentials, "config upload", () -> registry.pushBlob(ref, configJson));
    Manifest manifest =
        Manifest.empty()
            .withConfig(Config.fromBlob(WasmLayout.WASM_CONFIG, configBlob))
            .withLayers(List.of(layer))
            .withAnnotations(Map.of(Const.ANNOTATION_CREATED, created));
    Manifest pushed =
        oras.call(
            target, credentials, "manifest upload", () -> registry.pushManifest(ref, manifest));
    PushResult result =
        new PushResult(
            target, pushed.getDescriptor().getDigest(), layer.getDigest(), layer.getSize());
    LOG.info(
        "image pushed ref={} manifest={} layer={} bytes={}",
        target,
        result.manifestDigest(),
        result.layerDigest(),
        result.size());
    return result;
  }

  /**
   * The small JSON config of the Wasm OCI artifact layout. Written by hand: five fixed fields whose
   * values are a timestamp, a word and digests, none of which need escaping.
   */
  static byte[] configJson(String created, boolean component, String layerDigest) {
    String json =
        "{\"created\":\"%s\",\"architecture\":\"wasm\",\"os\":\"%s\",\"layerDigests\":[\"%s\"]}"
            .formatted(created, component ? "wasip2" : "wasip1", layerDigest);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static long size(Path wasm, ImageRef.Oci target) {
    try {
      return Files.size(wasm);
    } catch (IOException e) {
      throw new ImageException(
          ImageException.Kind.IO,
          target.toString(),
          "cannot push " + wasm + " to " + target + ": cannot read it: " + e,
          e);
    }
  }

  private static byte[] readHeader(Path wasm, ImageRef.Oci target) {
    byte[] header;
    try {
      header = WasmLayout.header(wasm);
    } catch (IOException e) {
      throw new ImageException(
          ImageException.Kind.IO,
          target.toString(),
          "cannot push " + wasm + " to " + target + ": cannot read it: " + e,
          e);
    }
    if (!WasmLayout.hasWasmMagic(header)) {
      throw new ImageException(
          ImageException.Kind.NOT_WASM,
          target.toString(),
          "cannot push "
              + wasm
              + " to "
              + target
              + ": it is not a Wasm binary (starts with "
              + WasmLayout.hexHeader(header)
              + ")");
    }
    return header;
  }

  @Override
  public void close() {
    oras.close();
  }
}
