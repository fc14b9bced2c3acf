package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The valid manifests parse to the applications they describe and survive a round trip. */
class ValidManifestsTest {

  static List<String> validFiles() {
    return TestManifests.list("valid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void roundTripsThroughYamlAndJson(String file) {
    Application app = TestManifests.valid(file).application();
    ManifestParser parser = TestManifests.parser();
    String yaml = Manifests.toYaml(app);
    String json = Manifests.toJson(app);
    assertEquals(app, parser.parse(yaml, Format.YAML).orThrow(), yaml);
    assertEquals(app, parser.parse(json, Format.JSON).orThrow(), json);
    assertEquals(app, parser.parse(json).orThrow(), "auto-detected JSON");
    assertEquals(yaml, Manifests.toYaml(parser.parse(yaml).orThrow()), "canonical is stable");
    assertTrue(
        parser.parse(yaml).warnings().stream()
            .map(Diagnostic::message)
            .noneMatch(m -> m.startsWith("unknown field") || m.contains("deprecated")),
        "the canonical form has no unknown or deprecated fields");
  }

  @Test
  void helloWorldYamlAndJsonDescribeTheSameApplication() {
    ParseResult.Valid yaml = TestManifests.valid("hello-world.yaml");
    ParseResult.Valid json = TestManifests.valid("hello-world.json");
    assertEquals(yaml.application(), json.application());
    assertTrue(yaml.warnings().isEmpty());

    Application app = yaml.application();
    assertEquals("hello-world", app.name());
    assertEquals("v0.1.0", app.version());
    assertEquals(Optional.of("HTTP hello world"), app.metadata().description());
    assertFalse(app.metadata().shared());
    Component server = app.spec().component("httpserver").orElseThrow();
    assertEquals(ComponentType.CAPABILITY, server.type());
    Link link = server.links().getFirst();
    assertEquals(Link.DEFAULT_NAME, link.name());
    assertEquals(LinkTransport.AUTO, link.transport());
    assertEquals("http-component", link.target().name());
    assertEquals(
        List.of(ConfigRef.owned("default-http", Map.of("address", "0.0.0.0:8080"))),
        link.source().config());
    Component handler = app.spec().component("http-component").orElseThrow();
    assertEquals("hello_world-http_component", app.componentId(handler));
    assertEquals(List.of(new SpreadScaler(1, List.of())), handler.scalers());
  }

  @Test
  void keyValueCounterLinksToTheNatsProvider() {
    Application app = TestManifests.valid("kv-counter.yaml").application();
    Component counter = app.spec().component("counter").orElseThrow();
    assertEquals("kv-counter-main", app.componentId(counter));
    assertEquals(
        List.of(ConfigRef.owned("counter-settings", Map.of("step", "1"))),
        counter.properties().config());
    Link kv = counter.links().getFirst();
    assertEquals(List.of("store", "atomics"), kv.interfaces());
    assertEquals("keyvalue", kv.witPackage());
    assertEquals(
        new LinkTarget(
            "kvnats",
            List.of(
                ConfigRef.owned(
                    "counter-bucket",
                    Map.of("bucket", "counters", "enable_bucket_auto_create", "true"))),
            List.of()),
        kv.target());
    Component nats = app.spec().component("kvnats").orElseThrow();
    assertEquals(List.of(ConfigRef.external("nats-connection")), nats.properties().config());
    assertFalse(nats.properties().config().getFirst().isOwned());
    assertEquals(Map.of("app.oam.io/name", "kv-counter"), app.metadata().labels());
  }

  @Test
  void chainWiresThreeComponentsAndForcesTheLastHopOverWrpc() {
    Application app = TestManifests.valid("chain.yaml").application();
    Link first = app.spec().component("gateway").orElseThrow().links().getFirst();
    Link second = app.spec().component("enrich").orElseThrow().links().getFirst();
    assertEquals(Link.to("enrich", "acme", "pipeline", "process"), first);
    assertEquals("store", second.target().name());
    assertEquals("orders", second.name());
    assertEquals(LinkTransport.WRPC, second.transport());
    ComponentSource store = app.spec().component("store").orElseThrow().properties().source();
    assertTrue(
        assertInstanceOf(ComponentSource.Image.class, store).reference().contains("@sha256:"));
    assertTrue(Manifests.toYaml(app).contains("trellis.dev/transport: wrpc"));
  }

  @Test
  void spreadIsWeightedTwoToOneAndDefaultsTheWeight() {
    Application app = TestManifests.valid("spread-weighted.yaml").application();
    SpreadScaler api =
        assertInstanceOf(
            SpreadScaler.class, app.spec().component("api").orElseThrow().traits().getFirst());
    assertEquals(6, api.instances());
    assertEquals(
        List.of(
            new Spread("eu", Map.of("region", "eu-west", "tier", "1"), 200),
            new Spread("us", Map.of("region", "us-east"), 100)),
        api.spread());
    assertTrue(api.spread().get(0).matches(Map.of("region", "eu-west", "tier", "1", "os", "x")));
    assertFalse(api.spread().get(0).matches(Map.of("region", "eu-west")));
    SpreadScaler worker =
        assertInstanceOf(
            SpreadScaler.class, app.spec().component("worker").orElseThrow().traits().getFirst());
    assertEquals(4, worker.instances(), "replicas is an alias of instances");
    assertEquals(List.of(new Spread("anywhere", Map.of(), Spread.DEFAULT_WEIGHT)), worker.spread());
  }

  @Test
  void daemonScalerRunsOnEveryMatchingHost() {
    Application app = TestManifests.valid("daemon.yaml").application();
    DaemonScaler collector =
        assertInstanceOf(
            DaemonScaler.class,
            app.spec().component("collector").orElseThrow().traits().getFirst());
    assertEquals(
        new DaemonScaler(1, List.of(new Spread("edge", Map.of("tier", "edge"), 100))), collector);
    assertEquals("daemonscaler", collector.type());
    Scaler reporter = app.spec().component("reporter").orElseThrow().scalers().getFirst();
    assertEquals(new DaemonScaler(2, List.of()), reporter);
  }

  @Test
  void sharedApplicationsAndReferencesToThem() {
    Application provider = TestManifests.valid("shared-provider.yaml").application();
    assertTrue(provider.metadata().shared());
    Application consumer = TestManifests.valid("shared-consumer.yaml").application();
    assertFalse(consumer.metadata().shared());
    Component server = consumer.spec().component("httpserver").orElseThrow();
    assertEquals(
        new ComponentSource.Shared("shared-http", "httpserver"), server.properties().source());
    assertEquals("site", server.links().getFirst().target().name());
  }

  @Test
  void secretsReferToTheSecretPolicy() {
    ParseResult.Valid result = TestManifests.valid("secrets-policies.yaml");
    Application app = result.application();
    Component invoices = app.spec().component("invoices").orElseThrow();
    assertEquals(
        List.of(
            new SecretRef(
                "stripe-key", "nats-kv", "stripe", Optional.of("api_key"), Optional.of("3"))),
        invoices.properties().secrets());
    assertEquals(
        List.of(SecretRef.of("db-password", "nats-kv", "billing-db-password")),
        invoices.links().getFirst().target().secrets());
    assertTrue(app.spec().policy("nats-kv").orElseThrow().isSecretPolicy());
    assertFalse(app.spec().policy("render-hints").orElseThrow().isSecretPolicy());
    assertEquals(
        List.of(
            "spec.components[0].properties.secrets[0]: secret 'stripe-key' is not passed to hosts:"
                + " Trellis does not resolve secrets yet",
            "spec.components[0].traits[1].properties.interfaces[0]: unrecognized interface"
                + " 'wasmcloud:postgres/query' (a typo?)",
            "spec.components[0].traits[1].properties.target.secrets[0]: secret 'db-password' is"
                + " not passed to hosts: Trellis does not resolve secrets yet"),
        result.warnings().stream().map(Diagnostic::toString).toList(),
        "wadm knows only wasmcloud:messaging in the wasmcloud namespace; secrets are not resolved");
  }

  @Test
  void aNamedConfigWithoutPropertiesIsKeptWithoutWarningAndItsNameMustBeAStorableKey() {
    String yaml =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: shop, annotations: {version: v1}}
        spec:
          components:
            - name: api
              type: component
              properties:
                image: ghcr.io/acme/api:1.0.0
                config:
                  - name: shared-settings
                  - name: local
                    properties: {page_size: "50"}
        """;
    ParseResult.Valid result = (ParseResult.Valid) TestManifests.parser().parse(yaml);
    assertEquals(List.of(), result.warnings());
    assertEquals(
        List.of(
            ConfigRef.external("shared-settings"),
            ConfigRef.owned("local", Map.of("page_size", "50"))),
        result.application().spec().component("api").orElseThrow().properties().config());

    ParseResult bad =
        TestManifests.parser()
            .parse(yaml.replace("name: shared-settings", "name: \"shared settings\""));
    assertEquals(
        List.of(
            "spec.components[0].properties.config[0].name: config name 'shared settings' cannot"
                + " name a stored config: use ASCII letters, digits, '-', '_', '=', '/' and '.'"
                + " (not first, last or twice in a row)"),
        bad.errors().stream().map(Diagnostic::toString).toList());
    ParseResult ownedWithSpace =
        TestManifests.parser().parse(yaml.replace("name: local", "name: \"my local\""));
    assertInstanceOf(
        ParseResult.Valid.class, ownedWithSpace, "an owned config is never stored by name");
  }

  @Test
  void legacyLinkFormsReadAsTheCurrentOnes() {
    ParseResult.Valid result = TestManifests.valid("legacy-links.yaml");
    Application app = result.application();
    Component blob = app.spec().component("http-blobstore").orElseThrow();
    assertEquals(ComponentType.COMPONENT, blob.type(), "actor is an alias of component");
    assertEquals(
        new LinkTarget(
            "blobstore-fs",
            List.of(ConfigRef.owned("root-directory", Map.of("root", "/tmp"))),
            List.of()),
        blob.links().getFirst().target());
    Link http = app.spec().component("httpserver").orElseThrow().links().getFirst();
    assertEquals(LinkTarget.named("http-blobstore"), http.target());
    assertEquals(
        new LinkSource(
            List.of(ConfigRef.owned("default-http", Map.of("address", "0.0.0.0:8000"))), List.of()),
        http.source());
    assertEquals(
        List.of(
            "spec.components[0].traits[1].properties.target_config: deprecated; use target.config",
            "spec.components[1].traits[0].properties.source_config: deprecated; use source.config"),
        result.warnings().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void linkdefIsReadAsALinkWithAWarning() {
    String yaml =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: legacy, annotations: {version: v1}}
        spec:
          components:
            - name: echo
              type: component
              properties: {image: ghcr.io/wasmcloud/components/echo:0.3.7}
              traits:
                - type: spreadscaler
                  properties: {instances: 1}
                - type: linkdef
                  properties:
                    target: {name: kv}
                    namespace: wasi
                    package: keyvalue
                    interfaces: [store]
            - name: kv
              type: capability
              properties: {image: ghcr.io/wasmcloud/keyvalue-nats:0.3.1}
        """;
    ParseResult.Valid result = (ParseResult.Valid) TestManifests.parser().parse(yaml);
    Link link = result.application().spec().component("echo").orElseThrow().links().getFirst();
    assertEquals(LinkTarget.named("kv"), link.target());
    assertEquals(List.of("store"), link.interfaces());
    assertEquals(
        List.of(
            "spec.components[0].traits[1].type: deprecated trait type 'linkdef'; read as 'link',"
                + " use 'link'"),
        result.warnings().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void missingVersionIsAGeneratedUlid() {
    Application app = TestManifests.valid("unversioned.yaml").application();
    assertEquals(TestManifests.FIRST_VERSION, app.version());
    assertTrue(UlidGenerator.isUlid(app.version()));
    Component echo = app.spec().components().getFirst();
    assertEquals("echo_service-echo_main", app.componentId(echo));
    assertEquals(0, echo.scalers().getFirst().instances());
  }

  @Test
  void toleratedExtrasAreWarningsNotErrors() {
    ParseResult.Valid result = TestManifests.valid("tolerated-extras.yaml");
    assertEquals(
        List.of(
            "metadata.owner: unknown field, ignored",
            "metadata.annotations[\"experimental.wasmcloud.dev/shared\"]: 'yes' is neither"
                + " 'true' nor 'false'; the application is not shared",
            "spec.notes: unknown field, ignored",
            "spec.components[0].colour: unknown field, ignored",
            "spec.components[0].traits[0].properties.spread[0].weight: ignored: a daemonscaler"
                + " does not use weights",
            "spec.components[0].traits[1].properties.timeout_ms: unknown field, ignored",
            "spec.components[0].traits[1].properties.interfaces[1]: unrecognized interface"
                + " 'wasi:keyvalue/atomic' (a typo?)",
            "spec.components[0].traits[1].properties.target.retries: unknown field, ignored"),
        result.warnings().stream().map(Diagnostic::toString).toList());
    assertFalse(result.application().metadata().shared());
    DaemonScaler daemon =
        assertInstanceOf(
            DaemonScaler.class, result.application().spec().components().get(0).traits().get(0));
    assertEquals(Spread.DEFAULT_WEIGHT, daemon.spread().getFirst().weight());
  }
}
