package dev.trellis.host.plugin.keyvalue;

import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.WitInterfaceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for one component, which backend and bucket {@code store.open(identifier)} reaches, from
 * the workload's {@code wasi:keyvalue} host-interface entries:
 *
 * <ul>
 *   <li>an entry whose {@code name} equals the identifier: its {@code backend} and its {@code
 *       bucket} (default: the identifier) — named backends;
 *   <li>otherwise the unnamed entry: its {@code backend}, and its {@code bucket} for every
 *       identifier when it sets one (the manifest decides where the data goes), else the
 *       identifier;
 *   <li>without entries: the host's default backend, bucket = identifier.
 * </ul>
 *
 * <p>Config keys: {@value #BACKEND} ({@code memory}, {@code jetstream}) and {@value #BUCKET}.
 */
final class BucketRouter {
  static final String BACKEND = "backend";
  static final String BUCKET = "bucket";

  private record Route(KeyValueBackend backend, Optional<String> bucket) {}

  private final Map<String, Route> named;
  private final Route unnamed;

  BucketRouter(
      List<WitInterfaceSpec> entries,
      Map<String, KeyValueBackend> backends,
      KeyValueBackend fallback,
      String who) {
    Map<String, Route> byName = new HashMap<>();
    Route plain = new Route(fallback, Optional.empty());
    for (WitInterfaceSpec entry : entries) {
      Route route = route(entry, backends, fallback, who);
      if (entry.name().isPresent()) {
        byName.put(entry.name().get(), route);
      } else {
        plain = route;
      }
    }
    this.named = Map.copyOf(byName);
    this.unnamed = plain;
  }

  private static Route route(
      WitInterfaceSpec entry,
      Map<String, KeyValueBackend> backends,
      KeyValueBackend fallback,
      String who) {
    Optional<String> wanted = Optional.ofNullable(entry.config().get(BACKEND));
    KeyValueBackend backend = wanted.isEmpty() ? fallback : backends.get(wanted.get());
    if (backend == null) {
      throw new PluginException(
          "wasi:keyvalue entry "
              + entry
              + " of "
              + who
              + " asks for backend '"
              + wanted.get()
              + "', but this host has only "
              + backends.keySet().stream().sorted().toList());
    }
    return new Route(backend, Optional.ofNullable(entry.config().get(BUCKET)));
  }

  /** The bucket {@code open(identifier)} reaches. */
  KeyValueBucket open(String identifier) {
    Route named = this.named.get(identifier);
    if (named != null) {
      return named.backend().open(named.bucket().orElse(identifier));
    }
    String bucket = unnamed.bucket().orElse(identifier);
    if (bucket.isEmpty()) {
      throw new KeyValueException(
          KeyValueException.Kind.NO_SUCH_STORE, "open(\"\"): no bucket is configured");
    }
    return unnamed.backend().open(bucket);
  }
}
