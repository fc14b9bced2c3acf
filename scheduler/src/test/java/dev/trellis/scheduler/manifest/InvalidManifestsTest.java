package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each invalid manifest yields every error it contains, each at its path, in document order. */
class InvalidManifestsTest {
  private static final String IMAGE_RULE =
      " is not a valid image reference (file://, or an OCI reference such as ghcr.io/org/name:tag)";

  private static final Map<String, List<String>> EXPECTED =
      Map.of(
          "brief-examples.yaml",
          List.of(
              "metadata.annotations.version: 'latest' is a reserved version",
              "spec.components[0].properties.image: 'ghcr.io//x'" + IMAGE_RULE,
              "spec.components[2].traits[0].properties.spread[1].weight: must be >= 0",
              "spec.components[3].traits[0].type: unknown trait 'autoscaler'",
              "spec.components[1].name: duplicate component name 'api'",
              "spec.components[0].traits[1].properties.target.name: link target 'kv' is not a"
                  + " component of this application"),
          "ids.yaml",
          List.of(
              "spec.components[1].name: derived component id 'ids-my_api' is already the id of"
                  + " spec.components[0]",
              "spec.components[3].properties.id: component id 'fixed' is already the id of"
                  + " spec.components[2]"),
          "links.yaml",
          List.of(
              "spec.components[2].traits[2].properties.target.name: link target 'missing-one' is"
                  + " not a component of this application",
              "spec.components[2].traits[1].properties.interfaces[0]: duplicate link 'default' for"
                  + " wasi:http/incoming-handler (already declared at"
                  + " spec.components[2].traits[0].properties.interfaces[0])",
              "spec.components[2].traits[1].properties.source.config[0].name: duplicate link config"
                  + " name 'listen' (already defined at"
                  + " spec.components[2].traits[0].properties.source.config[0].name)"),
          "linkdef.yaml",
          List.of(
              "spec.components[0].traits[1].properties.target.name: link target 'httpclyent' is"
                  + " not a component of this application",
              "spec.components[0].traits[3].properties.interfaces[0]: duplicate link 'default' for"
                  + " wasi:keyvalue/atomics (already declared at"
                  + " spec.components[0].traits[2].properties.interfaces[0])"),
          "secrets.yaml",
          List.of(
              "spec.components[0].properties.secrets[2].properties.key: is required",
              "spec.policies[2].name: duplicate policy name 'render'",
              "spec.components[0].properties.secrets[0].properties.policy: secret 'a' refers to"
                  + " unknown policy 'nowhere'",
              "spec.components[0].properties.secrets[1].properties.policy: secret 'b' refers to"
                  + " policy 'render' of type 'acme.dev/render'; secrets need type"
                  + " 'policy.secret.wasmcloud.dev/v1alpha1'",
              "spec.components[0].properties.secrets[2].properties.policy: secret 'c' refers to"
                  + " policy 'vault-ish', which has no 'backend' property",
              "spec.components[0].traits[0].properties.target.secrets[0].properties.policy: secret"
                  + " 'd' refers to policy 'vault-ish', which has no 'backend' property"),
          "shared.yaml",
          List.of(
              "spec.components[0].properties.config: a shared component reference cannot add"
                  + " config",
              "spec.components[0].properties.secrets: a shared component reference cannot add"
                  + " secrets",
              "spec.components[0].traits[0]: a shared component reference cannot have a scaler"
                  + " (the shared application scales it)",
              "spec.components[1].properties: needs either 'image' or 'application'",
              "spec.components[2].properties.application.component: is required",
              "spec.components[0].properties.secrets[0].properties.policy: secret 's' refers to"
                  + " unknown policy 'p'"),
          "semantic.json",
          List.of(
              "metadata.annotations.version: 'latest' is a reserved version",
              "spec.components[0].properties.config[0].properties.retries: must be a string, not a"
                  + " number (quote it: \"3\")",
              "spec.components[0].traits[0].properties.instances: must be >= 0",
              "spec.components[0].traits[1].properties.target: link target 'cache' is not a"
                  + " component of this application"),
          "syntax.yaml",
          List.of("line 5, column 16: YAML syntax error: mapping values are not allowed here"),
          "syntax.json",
          List.of(
              "line 5, column 27: JSON syntax error: Unexpected character (',' (code 44)):"
                  + " expected a valid value (JSON String, Number, Array, Object or token 'null',"
                  + " 'true' or 'false')"),
          "two-documents.yaml",
          List.of(
              "line 4, column 1: a second document follows the manifest; send one manifest at a"
                  + " time"));

  static Stream<Arguments> invalidFiles() {
    return TestManifests.list("invalid").stream()
        .filter(f -> !f.equals("structure.yaml"))
        .map(f -> Arguments.of(f, EXPECTED.get(f)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void reportsEveryErrorAtItsPath(String file, List<String> expected) {
    assertEquals(expected, errors(TestManifests.read("invalid/" + file)), file);
  }

  @Test
  void reportsStructuralErrorsWhereWadmRejectsTheManifest() {
    assertEquals(
        List.of(
            "status: unknown field (expected one of: apiVersion, kind, metadata, spec)",
            "kind: must be 'Application', not 'Deployment'",
            "metadata.name: 'my app' is not a valid application name (letters, digits, '_' and"
                + " '-' only)",
            "metadata.annotations.version: must be a string, not a number (quote it: \"1.0\")",
            "metadata.labels[\"Bad Key\"]: 'Bad Key' is not a valid label key (an optional DNS"
                + " subdomain and '/', then 1-63 letters, digits, '-', '_' or '.', starting and"
                + " ending with a letter or digit)",
            "spec.components[0].type: unknown component type 'provider' (expected component,"
                + " actor or capability)",
            "spec.components[1].name: is required",
            "spec.components[1].properties.imag: unknown field (expected one of: image,"
                + " application, id, config, secrets)",
            "spec.components[1].properties: needs either 'image' or 'application'",
            "spec.components[2].properties: cannot have both 'image' and 'application'",
            "spec.components[2].properties.config[0].extra: unknown field (expected one of: name,"
                + " properties)",
            "spec.components[2].properties.config[0].properties.port: must be a string, not a"
                + " number (quote it: \"8080\")",
            "spec.components[2].traits[0].properties.instances: must be an integer, not a string",
            "spec.components[2].traits[0].properties.spread[0].requirements: is required",
            "spec.components[2].traits[1].properties.replicas: 'replicas' is an alias of"
                + " 'instances'; give only one of them",
            "spec.components[2].traits[2].properties: is required",
            "spec.components[2].traits[3].priority: unknown field (expected one of: type,"
                + " properties)",
            "spec.components[2].traits[3].properties.package: is required",
            "spec.components[2].traits[3].properties.interfaces: must list at least one interface",
            "spec.components[2].traits[3].properties.target: is required",
            "spec.components[2].traits[3].properties[\"trellis.dev/transport\"]: unknown"
                + " transport 'grpc' (expected wrpc or auto)"),
        errors(TestManifests.read("invalid/structure.yaml")));
  }

  @Test
  void documentsThatAreNotManifests() {
    assertEquals(List.of("(document): manifest is empty"), errors(""));
    assertEquals(List.of("(document): manifest is empty"), errors("# nothing here\n"));
    assertEquals(List.of("(document): must be a mapping, not a list"), errors("- a\n- b\n"));
    assertEquals(
        List.of(
            "apiVersion: is required",
            "kind: is required",
            "metadata: is required",
            "spec: is required"),
        errors("{}"));
  }

  @Test
  void missingAndEmptyFieldsAreNamed() {
    String yaml =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata: {name: "", annotations: {version: ""}}
        spec:
          policies: {}
          components:
            - name: a
              type: component
              properties: {image: "ghcr.io/acme/a:1", id: ""}
              traits:
                - type: link
                  properties:
                    namespace: wasi
                    package: http
                    interfaces: [""]
                    name: 5
                    target: [a]
                - {type: spreadscaler, properties: {instances: 3000000000}}
                - {type: spreadscaler, properties: {instances: 1.5, spread: {}}}
                - {properties: {}}
        """;
    assertEquals(
        List.of(
            "metadata.name: must not be empty",
            "metadata.annotations.version: must not be empty",
            "spec.components[0].properties.id: must not be empty",
            "spec.components[0].traits[0].properties.interfaces[0]: must not be empty",
            "spec.components[0].traits[0].properties.name: must be a string, not a number (quote"
                + " it: \"5\")",
            "spec.components[0].traits[0].properties.target: must be a component name or a"
                + " mapping, not a list",
            "spec.components[0].traits[1].properties.instances: must be <= 2147483647",
            "spec.components[0].traits[2].properties.instances: must be an integer, not a number",
            "spec.components[0].traits[2].properties.spread: must be a list, not a mapping",
            "spec.components[0].traits[3].type: is required",
            "spec.policies: must be a list, not a mapping"),
        errors(yaml));
  }

  @Test
  void duplicateKeysAreSyntaxErrors() {
    assertEquals(
        List.of("line 2, column 5: YAML syntax error: Duplicate field 'kind'"),
        errors("kind: Application\nkind: Application\n"));
  }

  @Test
  void syntaxErrorsNameWhatWasFoundInWordsNotParserClasses() {
    List<String> errors = errors("kind: Application\n{a: 1}: 2\n");
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(
        errors.getFirst().endsWith("got this instead: the start of a mapping"), errors.toString());
  }

  @Test
  void explicitJsonDoesNotFallBackToYaml() {
    String flowYaml = "{apiVersion: core.oam.dev/v1beta1}";
    List<Diagnostic> json = Manifests.parse(flowYaml, Format.JSON).errors();
    assertEquals(1, json.size());
    assertEquals("line 1, column 2", json.getFirst().path());
    assertEquals(
        List.of("kind: is required", "metadata: is required", "spec: is required"),
        errors(flowYaml),
        "auto-detection re-reads YAML flow mappings as YAML");
  }

  @Test
  void orThrowCarriesEveryError() {
    ParseResult result = TestManifests.parser().parse(TestManifests.read("invalid/ids.yaml"));
    assertInstanceOf(ParseResult.Invalid.class, result);
    ManifestException e = assertThrows(ManifestException.class, result::orThrow);
    assertEquals(result.errors(), e.errors());
    assertEquals(
        "invalid manifest (2 error(s)):\n  "
            + result.errors().get(0)
            + "\n  "
            + result.errors().get(1),
        e.getMessage());
  }

  private static List<String> errors(String text) {
    return TestManifests.parser().parse(text).errors().stream().map(Diagnostic::toString).toList();
  }
}
