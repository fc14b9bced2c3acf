package dev.trellis.host.plugin.keyvalue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.host.plugin.PluginException;
import dev.trellis.host.plugin.WitInterfaceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketRouterTest {
  private final InMemoryKeyValue fast = new InMemoryKeyValue();
  private final KeyValueBackend other =
      new KeyValueBackend() {
        private final InMemoryKeyValue inner = new InMemoryKeyValue();

        @Override
        public String id() {
          return "other";
        }

        @Override
        public KeyValueBucket open(String name) {
          return inner.open("other:" + name);
        }
      };
  private final Map<String, KeyValueBackend> backends = Map.of("memory", fast, "other", other);

  private static WitInterfaceSpec entry(String name, Map<String, String> config) {
    WitInterfaceSpec e = WitInterfaceSpec.parse("wasi:keyvalue/store").withConfig(config);
    return name.isEmpty() ? e : e.withName(name);
  }

  @Test
  void withoutEntriesTheIdentifierIsTheBucketOnTheDefaultBackend() {
    BucketRouter router = new BucketRouter(List.of(), backends, fast, "c");
    assertEquals("orders", router.open("orders").name());
    KeyValueException e = assertThrows(KeyValueException.class, () -> router.open(""));
    assertEquals(KeyValueException.Kind.NO_SUCH_STORE, e.kind());
  }

  @Test
  void namedEntriesPickTheirBackendAndBucket() {
    BucketRouter router =
        new BucketRouter(
            List.of(
                entry("cache", Map.of("backend", "other", "bucket", "c1")),
                entry("", Map.of("bucket", "main"))),
            backends,
            fast,
            "c");
    assertEquals("other:c1", router.open("cache").name());
    assertEquals("main", router.open("anything").name());
  }

  @Test
  void anUnknownBackendIsRefusedAtBind() {
    assertThrows(
        PluginException.class,
        () ->
            new BucketRouter(
                List.of(entry("", Map.of("backend", "redis"))), backends, fast, "component 'c'"));
  }
}
