package dev.trellis.scheduler.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The WIT packages whose interfaces wadm knows (the same table as its validator). A link naming an
 * unknown package or interface under one of these namespaces is probably a typo, so it earns a
 * warning; other namespaces are custom interfaces and pass silently.
 */
final class KnownInterfaces {
  private static final Map<String, Map<String, Set<String>>> KNOWN =
      Map.of(
          "wrpc",
          Map.of(
              "blobstore", Set.of("blobstore"),
              "keyvalue", Set.of("atomics", "store"),
              "http", Set.of("incoming-handler", "outgoing-handler")),
          "wasi",
          Map.of(
              "blobstore", Set.of("blobstore"),
              "config", Set.of("runtime"),
              "keyvalue", Set.of("atomics", "store", "batch", "watch"),
              "http", Set.of("incoming-handler", "outgoing-handler"),
              "logging", Set.of("logging")),
          "wasmcloud",
          Map.of("messaging", Set.of("consumer", "handler")));

  private KnownInterfaces() {}

  /** A warning for {@code namespace:pkg/iface}, or empty when it is known or custom. */
  static Optional<String> check(String namespace, String pkg, String iface) {
    Map<String, Set<String>> packages = KNOWN.get(namespace);
    if (packages == null) {
      return Optional.empty();
    }
    Set<String> interfaces = packages.get(pkg);
    if (interfaces != null && interfaces.contains(iface)) {
      return Optional.empty();
    }
    return Optional.of(
        "unrecognized interface '" + namespace + ":" + pkg + "/" + iface + "' (a typo?)");
  }
}
