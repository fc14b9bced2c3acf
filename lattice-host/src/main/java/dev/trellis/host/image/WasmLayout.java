package dev.trellis.host.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import land.oras.Layer;
import land.oras.Manifest;

/**
 * The media types of Wasm OCI artifacts and the rule that picks the component layer out of a
 * manifest. Kept in one place so that pull and push agree on the layout.
 */
final class WasmLayout {

  /** The CNCF Wasm OCI artifact layer, written by {@link ImagePusher} and wkg. */
  static final String WASM_LAYER = "application/wasm";

  /** The Wasm OCI artifact config, written by {@link ImagePusher} and wkg. */
  static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";

  /**
   * Layer media types accepted as a component: the CNCF type, the wasm-to-oci/wkg content layer,
   * and the type wasmCloud's {@code wash push} used before the CNCF layout existed.
   */
  static final Set<String> WASM_LAYERS =
      Set.of(
          WASM_LAYER,
          "application/vnd.wasm.content.layer.v1+wasm",
          "application/vnd.module.wasm.content.layer.v1+wasm");

  /** What a manifest says about its Wasm layer. */
  record WasmLayer(String digest, long size, String mediaType) {}

  private WasmLayout() {}

  /**
   * The single Wasm layer of {@code manifest}.
   *
   * @throws ImageException NOT_WASM listing the media types found, or REGISTRY_ERROR when the layer
   *     descriptor is unusable
   */
  static WasmLayer wasmLayer(ImageRef.Oci ref, Manifest manifest) {
    List<Layer> wasm =
        manifest.getLayers().stream().filter(l -> WASM_LAYERS.contains(l.getMediaType())).toList();
    if (wasm.size() != 1) {
      throw new ImageException(
          ImageException.Kind.NOT_WASM,
          ref.toString(),
          "image "
              + ref
              + " is not a Wasm artifact: expected exactly one layer of media type "
              + String.join(" or ", WASM_LAYERS.stream().sorted().toList())
              + ", found "
              + describe(manifest));
    }
    Layer layer = wasm.get(0);
    String digest = String.valueOf(layer.getDigest());
    if (!digest.matches("sha256:[a-f0-9]{64}")) {
      throw new ImageException(
          ImageException.Kind.REGISTRY_ERROR,
          ref.toString(),
          "image " + ref + " names its Wasm layer by '" + digest + "'; only sha256 is supported");
    }
    Long size = layer.getSize();
    if (size == null || size < 0) {
      throw new ImageException(
          ImageException.Kind.REGISTRY_ERROR,
          ref.toString(),
          "image " + ref + " gives no valid size for its Wasm layer " + digest);
    }
    return new WasmLayer(digest, size, layer.getMediaType());
  }

  private static String describe(Manifest manifest) {
    String config =
        manifest.getConfig() == null ? "none" : String.valueOf(manifest.getConfig().getMediaType());
    String layers =
        manifest.getLayers().stream()
            .map(Layer::getMediaType)
            .collect(Collectors.joining(", ", "[", "]"));
    return "config " + config + " and layers " + layers;
  }

  /** True when {@code bytes} start with the Wasm magic number {@code \0asm}. */
  static boolean hasWasmMagic(byte[] header) {
    return header.length >= 4
        && header[0] == 0
        && header[1] == 'a'
        && header[2] == 's'
        && header[3] == 'm';
  }

  /** True when the 4 bytes after the magic are the component-model version/layer (0x0d 0 1 0). */
  static boolean isComponent(byte[] header) {
    return header.length >= 8 && header[4] == 0x0d && header[5] == 0 && header[6] == 1;
  }

  /** The first (up to) 8 bytes of a file: magic number and version. */
  static byte[] header(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(8);
    }
  }

  /** A printable form of a header for error messages. */
  static String hexHeader(byte[] header) {
    return HexFormat.ofDelimiter(" ").withPrefix("0x").formatHex(header);
  }
}
