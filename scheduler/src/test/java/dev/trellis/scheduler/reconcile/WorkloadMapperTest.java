package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.store.ConfigStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Application → workloads: grouping, plugins, wRPC, ownership annotations. */
class WorkloadMapperTest {
  private static final String SHOP =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: shop
        annotations: {version: v1}
      spec:
        components:
          - name: api
            type: component
            properties:
              image: ghcr.io/acme/api:1.0.0
              config: [{name: api-settings, properties: {page_size: "50"}}]
            traits:
              - type: spreadscaler
                properties: {instances: 2}
              - type: link
                properties: {namespace: acme, package: pricing, interfaces: [rates], target: {name: pricing}}
              - type: link
                properties:
                  namespace: wasi
                  package: keyvalue
                  interfaces: [store, atomics]
                  target: {name: kv, config: [{name: cache, properties: {bucket: inventory}}]}
              - type: link
                properties:
                  namespace: acme
                  package: audit
                  interfaces: [log]
                  target: {name: auditor}
                  trellis.dev/transport: wrpc
              - type: link
                properties: {namespace: acme, package: payments, interfaces: [charge], target: {name: payments}}
          - name: pricing
            type: component
            properties: {image: ghcr.io/acme/pricing:1.0.0}
          - name: auditor
            type: component
            properties: {image: ghcr.io/acme/auditor:1.0.0}
            traits:
              - type: spreadscaler
                properties: {instances: 1}
          - name: kv
            type: capability
            properties: {image: ghcr.io/wasmcloud/keyvalue-nats:0.3.1}
            traits:
              - type: spreadscaler
                properties: {instances: 1}
          - name: payments
            type: capability
            properties: {image: ghcr.io/acme/payments-provider:2.0.0}
          - name: ingress
            type: capability
            properties: {image: ghcr.io/wasmcloud/http-server:0.23.0}
            traits:
              - type: link
                properties:
                  namespace: wasi
                  package: http
                  interfaces: [incoming-handler]
                  target: {name: api}
                  source: {config: [{name: listen, properties: {address: 0.0.0.0:8080}}]}
      """;

  private static WitInterface entry(
      String ns, String pkg, List<String> ifaces, Map<String, String> config) {
    return WitInterface.newBuilder()
        .setNamespace(ns)
        .setPackage(pkg)
        .addAllInterfaces(ifaces)
        .putAllConfig(config)
        .build();
  }

  @Test
  void linkedComponentsShareOneWorkloadWithPluginsAndWrpcEntries() {
    DesiredApp desired = WorkloadMapper.map(TestApps.parse(SHOP));
    assertEquals(
        List.of("spreadscaler:api", "spreadscaler:auditor"),
        desired.scalers().stream().map(ScalerSpec::key).toList());
    Workload api = desired.scalers().getFirst().template();
    assertEquals("shop", api.getNamespace());
    assertEquals("shop-api", api.getName());
    assertEquals(
        List.of("api", "pricing"),
        api.getWitWorld().getComponentsList().stream().map(c -> c.getName()).toList());
    assertEquals(
        Map.of("page_size", "50"),
        api.getWitWorld().getComponents(0).getLocalResources().getConfigMap());
    assertEquals(
        List.of(
            entry(
                "wasi",
                "keyvalue",
                List.of("store", "atomics"),
                Map.of(
                    "backend", "jetstream",
                    "bucket", "inventory",
                    "trellis.dev/plugin", "keyvalue-nats")),
            entry("acme", "audit", List.of("log"), Map.of("wrpc:name", "shop-auditor")),
            entry("acme", "payments", List.of("charge"), Map.of("wrpc:name", "shop-payments")),
            entry(
                "wasi",
                "http",
                List.of("incoming-handler"),
                Map.of("address", "0.0.0.0:8080", "trellis.dev/plugin", "http-server"))),
        api.getWitWorld().getHostInterfacesList());
  }

  @Test
  void wrpcTargetExportsUnderItsOwnId() {
    DesiredApp desired = WorkloadMapper.map(TestApps.parse(SHOP));
    Workload auditor = desired.scalers().get(1).template();
    assertEquals(
        List.of(entry("acme", "audit", List.of("log"), Map.of("wrpc:name", "shop-auditor"))),
        auditor.getWitWorld().getHostInterfacesList());
  }

  @Test
  void everyWorkloadCarriesOwnershipAnnotations() {
    ScalerSpec spec = WorkloadMapper.map(TestApps.parse(SHOP)).scalers().getFirst();
    Map<String, String> annotations = spec.template().getAnnotationsMap();
    assertEquals("trellis", annotations.get("wasmcloud.dev/managed-by"));
    assertEquals("shop", annotations.get("wasmcloud.dev/appspec"));
    assertEquals("spreadscaler:api", annotations.get("wasmcloud.dev/scaler"));
    assertEquals("v1", annotations.get("trellis.dev/app-version"));
    assertEquals(spec.specHash(), annotations.get("trellis.dev/spec-hash"));
    assertEquals("eu", spec.workloadFor("eu").getAnnotationsOrThrow("wasmcloud.dev/spread_name"));
  }

  @Test
  void capabilitiesReportWhatServesThem() {
    DesiredApp desired = WorkloadMapper.map(TestApps.parse(SHOP));
    assertEquals(1, desired.passive().size());
    assertEquals(StatusType.DEPLOYED, desired.passive().getFirst().type());
    assertEquals("served by the host plugin keyvalue-nats", desired.passive().getFirst().message());
  }

  @Test
  void hashChangesWithTheImageButNotWithTheVersion() {
    Application v1 = TestApps.spread("v1", "ghcr.io/acme/api:1.0.0", 2, "[]");
    String hash = WorkloadMapper.map(v1).scalers().getFirst().specHash();
    assertEquals(hash, WorkloadMapper.map(v1.withVersion("v1.1")).scalers().getFirst().specHash());
    assertNotEquals(
        hash,
        WorkloadMapper.map(TestApps.spread("v2", "ghcr.io/acme/api:2.0.0", 2, "[]"))
            .scalers()
            .getFirst()
            .specHash());
  }

  @Test
  void wellKnownImagesAreRecognisedByName() {
    assertEquals(
        Optional.of("http-server"), Capabilities.plugin("ghcr.io/wasmcloud/http-server:0.23.0"));
    assertEquals(
        Optional.of("keyvalue-redis"),
        Capabilities.plugin("wasmcloud.azurecr.io/keyvalue-redis:0.28.1"));
    assertEquals(
        Optional.of("blobstore-fs"),
        Capabilities.plugin("ghcr.io/wasmcloud/blobstore-fs@sha256:abcd"));
    assertEquals(Optional.empty(), Capabilities.plugin("ghcr.io/acme/http-server:1.0.0"));
    assertEquals(Optional.empty(), Capabilities.plugin("ghcr.io/wasmcloud/custom:1.0.0"));
  }

  @Test
  void surgeAnnotationReadsCountsAndPercentages() {
    assertEquals(1, Surge.of(Map.of(), 4));
    assertEquals(3, Surge.of(Map.of(), 10));
    assertEquals(2, Surge.of(Map.of(Surge.ANNOTATION, "2"), 10));
    assertEquals(5, Surge.of(Map.of(Surge.ANNOTATION, "50%"), 10));
    assertEquals(1, Surge.of(Map.of(Surge.ANNOTATION, "0"), 10));
    assertEquals(3, Surge.of(Map.of(Surge.ANNOTATION, "lots"), 10));
  }

  private static final String NAMED =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: named
        annotations: {version: v1}
      spec:
        components:
          - name: api
            type: component
            properties:
              image: ghcr.io/acme/api:1.0.0
              config:
                - {name: defaults, properties: {page_size: "10", region: eu}}
                - name: shared-settings
                - {name: overrides, properties: {region: us}}
            traits:
              - type: spreadscaler
                properties: {instances: 1}
              - type: link
                properties:
                  namespace: wasi
                  package: keyvalue
                  interfaces: [store]
                  target:
                    name: kv
                    config:
                      - name: kv-shared
                      - {name: kv-local, properties: {bucket: local}}
          - name: kv
            type: capability
            properties:
              image: ghcr.io/wasmcloud/keyvalue-nats:0.3.1
              config: [{name: nats-connection}]
      """;

  private static final String BUCKET = "CONFIGDATA_test";

  private static NamedConfigs stored(Map<String, Map<String, String>> configs) {
    Map<String, ConfigStore.Lookup> lookups = new java.util.HashMap<>();
    configs.forEach((name, values) -> lookups.put(name, new ConfigStore.Lookup.Found(values)));
    return new NamedConfigs(BUCKET, lookups);
  }

  private static final Map<String, Map<String, String>> ALL_STORED =
      Map.of(
          "shared-settings", Map.of("page_size", "25", "region", "ap", "color", "blue"),
          "kv-shared", Map.of("bucket", "shared", "ttl", "60"),
          "nats-connection", Map.of("cluster_uri", "nats://127.0.0.1:4222", "bucket", "conn"));

  @Test
  void storedValuesMergeWhereOwnedOnesWouldInListOrder() {
    Application app = TestApps.parse(NAMED);
    ScalerSpec spec = WorkloadMapper.map(app, stored(ALL_STORED)).scalers().getFirst();
    assertEquals(Optional.empty(), spec.unresolved());
    Workload workload = spec.template();
    assertEquals(
        Map.of("page_size", "25", "region", "us", "color", "blue"),
        workload.getWitWorld().getComponents(0).getLocalResources().getConfigMap(),
        "defaults < shared-settings (stored) < overrides");
    assertEquals(
        List.of(
            entry(
                "wasi",
                "keyvalue",
                List.of("store"),
                Map.of(
                    "bucket", "conn",
                    "ttl", "60",
                    "cluster_uri", "nats://127.0.0.1:4222",
                    "backend", "jetstream",
                    "trellis.dev/plugin", "keyvalue-nats"))),
        workload.getWitWorld().getHostInterfacesList(),
        "link target config (kv-shared < kv-local), then the capability's own (stored) config");
  }

  @Test
  void aMissingNamedConfigLeavesTheScalerWaitingAndNamesWhereItIsReferenced() {
    Application app = TestApps.parse(NAMED);
    Map<String, Map<String, String>> some = new java.util.HashMap<>(ALL_STORED);
    some.remove("shared-settings");
    some.remove("kv-shared");
    ScalerSpec spec = WorkloadMapper.map(app, stored(some)).scalers().getFirst();
    ScalerSpec.Unresolved why = spec.unresolved().orElseThrow();
    assertEquals(StatusType.WAITING, why.type());
    assertEquals(
        "config 'shared-settings' (component api) not found in bucket CONFIGDATA_test; create it"
            + " with: trellis config put shared-settings key=value; config 'kv-shared' (link api"
            + " -> kv) not found in bucket CONFIGDATA_test; create it with: trellis config put"
            + " kv-shared key=value",
        why.message());
    ScalerPlan plan =
        AppPlanner.plan(
            spec, new LatticeSnapshot(List.of(TestApps.host("h1")), List.of()), TestApps.ids());
    assertEquals(List.of(), plan.commands(), "nothing starts while a config is missing");
    assertEquals(StatusType.WAITING, plan.status().type());
    assertEquals(why.message(), plan.status().message());
  }

  @Test
  void aMalformedNamedConfigFailsTheScalerWithTheProblem() {
    Application app = TestApps.parse(NAMED);
    Map<String, ConfigStore.Lookup> lookups = new java.util.HashMap<>();
    ALL_STORED.forEach((name, values) -> lookups.put(name, new ConfigStore.Lookup.Found(values)));
    lookups.put(
        "nats-connection",
        new ConfigStore.Lookup.Malformed(
            "has a value that is not a string: key 'port' holds a number (4222)"));
    ScalerSpec.Unresolved why =
        WorkloadMapper.map(app, new NamedConfigs(BUCKET, lookups))
            .scalers()
            .getFirst()
            .unresolved()
            .orElseThrow();
    assertEquals(StatusType.FAILED, why.type());
    assertTrue(
        why.message()
            .startsWith(
                "config 'nats-connection' (capability kv) in bucket CONFIGDATA_test has a value"
                    + " that is not a string: key 'port' holds a number (4222)"),
        why.message());
  }

  @Test
  void aChangedStoredConfigChangesTheHashAndAnUnrelatedOneDoesNot() {
    Application app = TestApps.parse(NAMED);
    String hash = WorkloadMapper.map(app, stored(ALL_STORED)).scalers().getFirst().specHash();
    Map<String, Map<String, String>> changed = new java.util.HashMap<>(ALL_STORED);
    changed.put("kv-shared", Map.of("bucket", "shared", "ttl", "120"));
    assertNotEquals(hash, WorkloadMapper.map(app, stored(changed)).scalers().getFirst().specHash());
    Map<String, Map<String, String>> unrelated = new java.util.HashMap<>(ALL_STORED);
    unrelated.put("someone-elses", Map.of("x", "1"));
    assertEquals(hash, WorkloadMapper.map(app, stored(unrelated)).scalers().getFirst().specHash());
    assertEquals(
        java.util.Set.of("shared-settings", "kv-shared", "nats-connection"),
        NamedConfigs.referenced(app));
  }

  @Test
  void namedConfigsOnTheSourceSideOfAnExportGoIntoItsEntry() {
    String yaml =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: web, annotations: {version: v1}}
        spec:
          components:
            - name: api
              type: component
              properties: {image: ghcr.io/acme/api:1.0.0}
              traits:
                - type: spreadscaler
                  properties: {instances: 1}
            - name: ingress
              type: capability
              properties: {image: ghcr.io/wasmcloud/http-server:0.23.0}
              traits:
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [incoming-handler]
                    target: {name: api}
                    source:
                      config:
                        - name: listen
                        - {name: local, properties: {address: 127.0.0.1:8080}}
        """;
    Application app = TestApps.parse(yaml);
    Workload workload =
        WorkloadMapper.map(
                app, stored(Map.of("listen", Map.of("address", "0.0.0.0:80", "max", "10"))))
            .scalers()
            .getFirst()
            .template();
    assertEquals(
        List.of(
            entry(
                "wasi",
                "http",
                List.of("incoming-handler"),
                Map.of(
                    "address",
                    "127.0.0.1:8080",
                    "max",
                    "10",
                    "trellis.dev/plugin",
                    "http-server"))),
        workload.getWitWorld().getHostInterfacesList());
    assertEquals(
        "config 'listen' (link ingress -> api) not found in bucket CONFIGDATA_test; create it"
            + " with: trellis config put listen key=value",
        WorkloadMapper.map(app, NamedConfigs.none(BUCKET))
            .scalers()
            .getFirst()
            .unresolved()
            .orElseThrow()
            .message());
  }

  @Test
  void aLinkToASharedComponentUsesTheIdItsApplicationGivesIt() {
    Application consumer =
        TestApps.parse(
            """
            apiVersion: core.oam.dev/v1beta1
            kind: Application
            metadata: {name: shop, annotations: {version: v1}}
            spec:
              components:
                - name: web
                  type: component
                  properties: {image: ghcr.io/acme/web:1.0.0}
                  traits:
                    - type: spreadscaler
                      properties: {instances: 1}
                    - type: link
                      properties:
                        namespace: acme
                        package: pricing
                        interfaces: [rates]
                        target: {name: pricing}
                - name: pricing
                  type: component
                  properties:
                    application: {name: shared-pricing, component: rates}
            """);
    var named = NamedConfigs.none("CONFIGDATA_default");
    assertEquals(
        "shared_pricing-rates",
        wrpcName(WorkloadMapper.map(consumer, named)),
        "without the shared application's manifest: its default id");
    assertEquals(
        "pricing-v2",
        wrpcName(
            WorkloadMapper.map(
                consumer,
                named,
                Map.of(WorkloadMapper.sharedKey("shared-pricing", "rates"), "pricing-v2"))),
        "the explicit id the shared application gives the component");
  }

  private static String wrpcName(DesiredApp desired) {
    return desired.scalers().getFirst().template().getWitWorld().getHostInterfacesList().stream()
        .filter(e -> e.getPackage().equals("pricing"))
        .findFirst()
        .orElseThrow()
        .getConfigOrThrow("wrpc:name");
  }
}
