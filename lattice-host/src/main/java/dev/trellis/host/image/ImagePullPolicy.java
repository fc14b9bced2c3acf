package dev.trellis.host.image;

/**
 * When the host may use the network to obtain an image, mirroring the Host API's {@code
 * ImagePullPolicy} (wasmCloud V2) so the wire value maps one to one. Exists as a domain type so the
 * image code does not depend on generated protobuf classes.
 */
public enum ImagePullPolicy {
  /** Not set on the wire: the host's configured default applies. */
  UNSPECIFIED,
  /** Always resolve the reference with the registry; cached layers are reused by digest. */
  ALWAYS,
  /** Use the cache when the reference was pulled before; otherwise pull. */
  IF_NOT_PRESENT,
  /** Never touch the network: the image must already be cached. */
  NEVER
}
