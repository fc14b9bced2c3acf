package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records refuse invalid values, so an application built in code obeys the same rules. */
class ModelTest {
  private static final Component API =
      new Component(
          "api",
          ComponentType.COMPONENT,
          ComponentProperties.image("ghcr.io/acme/api:1"),
          List.of(new SpreadScaler(1, List.of())));

  @Test
  void valuesAreCheckedInTheirConstructors() {
    assertThrows(
        IllegalArgumentException.class, () -> new Spread("s", Map.of(), -1), "negative weight");
    assertThrows(IllegalArgumentException.class, () -> new SpreadScaler(-1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ComponentSource.Image("ghcr.io//x"));
    assertThrows(IllegalArgumentException.class, () -> Metadata.of("app", "latest"));
    assertThrows(IllegalArgumentException.class, () -> Metadata.of("my app", "v1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Metadata("app", Map.of("description", "no version"), Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Metadata("app", Map.of("version", "v1"), Map.of("Bad Key", "x")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Link(
                "default",
                "wasi",
                "http",
                List.of(),
                LinkSource.EMPTY,
                LinkTarget.named("x"),
                LinkTransport.AUTO));
    assertThrows(IllegalArgumentException.class, () -> ConfigRef.external(" "));
    assertThrows(NullPointerException.class, () -> new LinkTarget("x", null, List.of()));
  }

  @Test
  void sharedReferencesCarryNoConfigSecretsOrScaler() {
    ComponentSource shared = new ComponentSource.Shared("shared-http", "httpserver");
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ComponentProperties(
                shared, Optional.empty(), List.of(ConfigRef.external("c")), List.of()));
    ComponentProperties props =
        new ComponentProperties(shared, Optional.empty(), List.of(), List.of());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Component(
                "http", ComponentType.CAPABILITY, props, List.of(new SpreadScaler(1, List.of()))));
  }

  @Test
  void daemonScalersDropWeights() {
    DaemonScaler daemon = new DaemonScaler(1, List.of(new Spread("edge", Map.of("t", "e"), 7)));
    assertEquals(
        List.of(new Spread("edge", Map.of("t", "e"), Spread.DEFAULT_WEIGHT)), daemon.spread());
  }

  @Test
  void collectionsAreImmutableCopies() {
    java.util.ArrayList<Trait> traits = new java.util.ArrayList<>(API.traits());
    Component copy = new Component("api", API.type(), API.properties(), traits);
    traits.clear();
    assertEquals(1, copy.traits().size());
    assertThrows(UnsupportedOperationException.class, () -> copy.traits().clear());
    assertThrows(
        UnsupportedOperationException.class,
        () -> Metadata.of("app", "v1").annotations().put("x", "y"));
  }

  @Test
  void applicationChecksRulesAcrossComponents() {
    Component linked =
        new Component(
            "web",
            ComponentType.COMPONENT,
            ComponentProperties.image("ghcr.io/acme/web:1"),
            List.of(
                Link.to("kv", "wasi", "keyvalue", "store"),
                Link.to("api", "wasi", "keyvalue", "store")));
    SecretRef secret = SecretRef.of("token", "vault", "token");
    Component secretive =
        new Component(
            "api",
            ComponentType.COMPONENT,
            new ComponentProperties(
                new ComponentSource.Image("ghcr.io/acme/api:2"),
                Optional.empty(),
                List.of(),
                List.of(secret)),
            List.of());
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () ->
                Application.of(
                    Metadata.of("app", "v1"),
                    new Spec(List.of(API, linked, secretive), List.of())));
    assertEquals(
        List.of(
            "spec.components[2].name: duplicate component name 'api'",
            "spec.components[1].traits[0].properties.target.name: link target 'kv' is not a"
                + " component of this application",
            "spec.components[1].traits[1].properties.interfaces[0]: duplicate link 'default' for"
                + " wasi:keyvalue/store (already declared at"
                + " spec.components[1].traits[0].properties.interfaces[0])",
            "spec.components[2].properties.secrets[0].properties.policy: secret 'token' refers to"
                + " unknown policy 'vault'"),
        e.errors().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void applicationBuiltInCodeWritesAndParsesBack() {
    Component kv =
        new Component(
            "kv",
            ComponentType.CAPABILITY,
            ComponentProperties.image("ghcr.io/wasmcloud/keyvalue-nats:0.3.1"),
            List.of(new DaemonScaler(1, List.of())));
    Component web =
        new Component(
            "web",
            ComponentType.COMPONENT,
            ComponentProperties.image("file:///tmp/web.wasm"),
            List.of(
                new SpreadScaler(2, List.of(new Spread("eu", Map.of("region", "eu"), 50))),
                new Link(
                    "cache",
                    "wasi",
                    "keyvalue",
                    List.of("store"),
                    LinkSource.EMPTY,
                    LinkTarget.named("kv"),
                    LinkTransport.WRPC)));
    Application app =
        Application.of(Metadata.of("built", "v9"), new Spec(List.of(web, kv), List.of()));
    assertEquals(app, Manifests.parse(Manifests.toYaml(app)).orThrow());
    assertEquals(app, Manifests.parse(Manifests.toJson(app)).orThrow());
    assertEquals("v10", app.withVersion("v10").version());
    assertEquals("built-web", app.componentId(web));
  }
}
