package dev.trellis.scheduler.store;

import static dev.trellis.scheduler.store.Fixtures.app;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Versions, deployment and wadm's stored layout, without NATS. */
class StoredManifestTest {
  private static StoredManifest threeVersions() {
    StoredManifest stored = StoredManifest.first(app("shop", "v1"));
    stored = stored.withVersion(app("shop", "v2")).orElseThrow();
    return stored.withVersion(app("shop", "v3")).orElseThrow();
  }

  @Test
  void versionsKeepTheirOrderAndAnExistingVersionIsRefused() {
    StoredManifest stored = threeVersions();
    assertEquals(List.of("v1", "v2", "v3"), stored.versionNames());
    assertEquals("v3", stored.currentVersion());
    assertEquals("v3", stored.version("latest").orElseThrow().version());
    assertTrue(stored.withVersion(app("shop", "v2")).isEmpty());
    assertFalse(stored.hasVersion("latest"));
  }

  @Test
  void deletingTheDeployedVersionUndeploysAndDeletingTheLastRemovesTheApplication() {
    StoredManifest deployed = threeVersions().deploying("v2");
    StoredManifest rest = deployed.withoutVersion("v2").orElseThrow();
    assertEquals(List.of("v1", "v3"), rest.versionNames());
    assertEquals(Optional.empty(), rest.deployedVersion());
    assertEquals(Optional.of("v2"), deployed.withoutVersion("v3").orElseThrow().deployedVersion());
    assertTrue(StoredManifest.first(app("shop", "v1")).withoutVersion("v1").isEmpty());
  }

  @Test
  void encodesWadmsLayoutAndDecodesItBack() throws Exception {
    StoredManifest stored = threeVersions().deploying("v1");
    byte[] bytes = StoredManifestCodec.encode(stored);
    JsonNode root = StoredManifestCodec.JSON.readTree(bytes);
    assertEquals(List.of("manifests", "deployed_version"), fieldNames(root));
    assertEquals(List.of("v1", "v2", "v3"), fieldNames(root.get("manifests")));
    assertEquals("v1", root.get("deployed_version").asText());
    assertEquals("shop", root.at("/manifests/v2/metadata/name").asText());
    assertEquals(stored, StoredManifestCodec.decode("default-shop", bytes));

    JsonNode undeployed =
        StoredManifestCodec.JSON.readTree(StoredManifestCodec.encode(stored.undeployed()));
    assertTrue(undeployed.get("deployed_version").isNull());
  }

  @Test
  void decodesAnEntryWadmWroteWithoutAVersionAnnotationUsingItsKey() throws Exception {
    ObjectNode manifest =
        (ObjectNode) StoredManifestCodec.JSON.readTree(Manifests.toJson(app("shop", "v7")));
    ((ObjectNode) manifest.at("/metadata/annotations")).remove("version");
    String wadm = "{\"manifests\":{\"v7\":" + manifest + "},\"deployed_version\":null}";
    StoredManifest stored =
        StoredManifestCodec.decode("default-shop", wadm.getBytes(StandardCharsets.UTF_8));
    assertEquals("v7", stored.currentVersion());
  }

  @Test
  void aCorruptEntryIsReportedWithItsKey() {
    StoreException e =
        assertThrows(
            StoreException.class,
            () -> StoredManifestCodec.decode("default-shop", "{\"manifests\":{}}".getBytes()));
    assertEquals(
        "stored entry 'default-shop' in bucket wadm_manifests is unreadable: 'manifests' is not a"
            + " non-empty object",
        e.getMessage());
    assertThrows(
        StoreException.class, () -> StoredManifestCodec.decode("default-shop", "nope".getBytes()));
  }

  @Test
  void theIndexIsASortedArrayOfNames() {
    byte[] bytes = StoredManifestCodec.encodeIndex(new TreeSet<>(List.of("zoo", "app")));
    assertEquals("[\"app\",\"zoo\"]", new String(bytes, StandardCharsets.UTF_8));
    assertEquals(List.of("app", "zoo"), List.copyOf(StoredManifestCodec.decodeIndex("d", bytes)));
  }

  @Test
  void deployChecksRefuseAComponentIdAnotherApplicationRuns() {
    Application other = withFixedId("other", "shared-id");
    Application mine = withFixedId("mine", "shared-id");
    List<StoredManifest> stored =
        List.of(StoredManifest.first(other).deploying("v1"), StoredManifest.first(mine));
    assertEquals(
        Optional.of(
            "Component identifier 'shared-id' is already deployed in a different application"
                + " 'other'."),
        DeployChecks.problem(mine, stored));
    assertEquals(
        Optional.empty(), DeployChecks.problem(mine, List.of(StoredManifest.first(other))));
  }

  @Test
  void deployChecksWantSharedComponentsDeployedByASharedApplication() {
    Application provider = parse(SHARED_PROVIDER);
    Application consumer = parse(SHARED_CONSUMER);
    assertEquals(List.of("httpserver"), DeployChecks.missingShared(consumer, List.of()));
    assertEquals(
        List.of("httpserver"),
        DeployChecks.missingShared(consumer, List.of(StoredManifest.first(provider))));
    assertEquals(
        List.of(),
        DeployChecks.missingShared(
            consumer, List.of(StoredManifest.first(provider).deploying("v1"))));
  }

  private static Application withFixedId(String name, String id) {
    return parse(
        Fixtures.yaml(name, "v1")
            .replace(
                "image: ghcr.io/acme/api:1.0.0",
                "image: ghcr.io/acme/api:1.0.0\n        id: " + id));
  }

  private static Application parse(String yaml) {
    return Manifests.parse(yaml).orThrow();
  }

  private static List<String> fieldNames(JsonNode node) {
    return node.propertyStream().map(java.util.Map.Entry::getKey).toList();
  }

  private static final String SHARED_PROVIDER =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: shared-http
        annotations: {version: v1, experimental.wasmcloud.dev/shared: 'true'}
      spec:
        components:
          - name: httpserver
            type: capability
            properties: {image: ghcr.io/wasmcloud/http-server:0.23.0}
      """;

  private static final String SHARED_CONSUMER =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: team-site
        annotations: {version: v1}
      spec:
        components:
          - name: site
            type: component
            properties: {image: ghcr.io/acme/team-site:1.0.0}
          - name: httpserver
            type: capability
            properties:
              application: {name: shared-http, component: httpserver}
            traits:
              - type: link
                properties:
                  target: {name: site}
                  namespace: wasi
                  package: http
                  interfaces: [incoming-handler]
      """;
}
