package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.Workload;
import dev.trellis.scheduler.api.StatusType;
import dev.trellis.scheduler.manifest.Application;
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
}
