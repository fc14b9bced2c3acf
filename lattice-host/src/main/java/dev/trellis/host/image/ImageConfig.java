package dev.trellis.host.image;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * How a host reaches registries and where it caches images. Built once in {@code main}; immutable.
 *
 * @param cacheDir root of the content-addressed image cache
 * @param defaultPolicy the policy applied when a workload says {@link ImagePullPolicy#UNSPECIFIED};
 *     must not itself be {@code UNSPECIFIED}
 * @param insecureRegistries registries ({@code host[:port]}) spoken to over plain HTTP
 * @param plainHttpForLoopback whether {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}
 *     registries are spoken to over plain HTTP (Docker's default for loopback)
 */
public record ImageConfig(
    Path cacheDir,
    ImagePullPolicy defaultPolicy,
    Set<String> insecureRegistries,
    boolean plainHttpForLoopback) {

  public ImageConfig {
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    if (defaultPolicy == ImagePullPolicy.UNSPECIFIED) {
      throw new IllegalArgumentException("the host's default pull policy must be a concrete one");
    }
    insecureRegistries = Set.copyOf(insecureRegistries);
  }

  /** {@code ~/.trellis/cache/images}, IF_NOT_PRESENT, plain HTTP for loopback registries only. */
  public static ImageConfig defaults() {
    Path home = Path.of(System.getProperty("user.home"));
    return new ImageConfig(
        home.resolve(".trellis").resolve("cache").resolve("images"),
        ImagePullPolicy.IF_NOT_PRESENT,
        Set.of(),
        true);
  }

  public ImageConfig withCacheDir(Path dir) {
    return new ImageConfig(dir, defaultPolicy, insecureRegistries, plainHttpForLoopback);
  }

  public ImageConfig withDefaultPolicy(ImagePullPolicy policy) {
    return new ImageConfig(cacheDir, policy, insecureRegistries, plainHttpForLoopback);
  }

  public ImageConfig withInsecureRegistries(Set<String> registries) {
    return new ImageConfig(cacheDir, defaultPolicy, registries, plainHttpForLoopback);
  }

  public ImageConfig withPlainHttpForLoopback(boolean plainHttp) {
    return new ImageConfig(cacheDir, defaultPolicy, insecureRegistries, plainHttp);
  }

  /** Whether {@code ref}'s registry is spoken to over plain HTTP. */
  boolean usesPlainHttp(ImageRef.Oci ref) {
    return insecureRegistries.contains(ref.registry())
        || (plainHttpForLoopback && ref.isLoopback());
  }
}
