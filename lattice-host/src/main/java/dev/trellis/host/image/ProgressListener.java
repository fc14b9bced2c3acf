package dev.trellis.host.image;

/**
 * Receives the progress of a layer download so a terminal or a workload status can show it; large
 * components take seconds to pull. Called on the fetching thread, after every chunk and once at the
 * end; implementations must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (ref, bytesSoFar, totalBytes) -> {};

  /**
   * Bytes of the Wasm layer received so far.
   *
   * @param ref the image being fetched
   * @param bytesSoFar bytes received and hashed so far
   * @param totalBytes the layer size announced by the manifest
   */
  void onProgress(ImageRef ref, long bytesSoFar, long totalBytes);
}
