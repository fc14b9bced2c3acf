package dev.trellis.scheduler.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The canonical form is fixed, and values that look like other YAML types survive it. */
class ManifestWriterTest {

  @Test
  void writesTheCanonicalYaml() {
    String legacy =
        """
        kind: Application
        apiVersion: core.oam.dev/v1beta1
        spec:
          components:
            - type: actor
              name: web
              traits:
                - properties: {target: kv, interfaces: [store], package: keyvalue, namespace: wasi}
                  type: link
                - type: spreadscaler
                  properties: {replicas: 2, spread: [{name: eu, requirements: {zone: b, region: a}}]}
              properties: {image: "ghcr.io/acme/web:1"}
            - {name: kv, type: capability, properties: {image: "ghcr.io/acme/kv:1"}}
        metadata: {name: canon, annotations: {version: v1, description: canonical}}
        """;
    String expected =
        """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: canon
          annotations:
            description: canonical
            version: v1
        spec:
          components:
            - name: web
              type: component
              properties:
                image: ghcr.io/acme/web:1
              traits:
                - type: link
                  properties:
                    name: default
                    namespace: wasi
                    package: keyvalue
                    interfaces:
                      - store
                    target:
                      name: kv
                - type: spreadscaler
                  properties:
                    instances: 2
                    spread:
                      - name: eu
                        requirements:
                          region: a
                          zone: b
                        weight: 100
            - name: kv
              type: capability
              properties:
                image: ghcr.io/acme/kv:1
        """;
    assertEquals(expected, Manifests.toYaml(Manifests.parse(legacy).orThrow()));
  }

  @Test
  void stringsThatLookLikeOtherTypesRoundTrip() {
    Map<String, String> tricky = new LinkedHashMap<>();
    List<String> values =
        List.of(
            "true",
            "yes",
            "no",
            "on",
            "off",
            "null",
            "~",
            "8080",
            "1.10",
            "0x1F",
            "1e3",
            ".inf",
            "",
            " leading",
            "trailing ",
            "a: b",
            "- item",
            "#comment",
            "@at",
            "*star",
            "!bang",
            "%pct",
            "{x}",
            "[x]",
            "x,y",
            "line\nbreak",
            "tab\there",
            "quote\"s",
            "it's",
            "0.0.0.0:8080",
            "ünïcødé");
    for (int i = 0; i < values.size(); i++) {
      tricky.put("k" + i, values.get(i));
    }
    Component component =
        new Component(
            "c",
            ComponentType.COMPONENT,
            new ComponentProperties(
                new ComponentSource.Image("ghcr.io/acme/c:1"),
                Optional.of("true"),
                List.of(ConfigRef.owned("tricky", tricky)),
                List.of()),
            List.of());
    Application app =
        Application.of(
            new Metadata("tricky", Map.of("version", "1.10", "description", "null"), tricky),
            new Spec(List.of(component), List.of()));
    for (Format format : Format.values()) {
      String text = Manifests.write(app, format);
      assertEquals(app, Manifests.parse(text, format).orThrow(), text);
    }
  }

  @Test
  void writesJsonThatAutoDetectionReadsAsJson() {
    Application app = TestManifests.valid("secrets-policies.yaml").application();
    String json = Manifests.toJson(app);
    assertEquals(Format.JSON, Format.detect(json));
    assertEquals(app, Manifests.parse(json).orThrow());
  }

  @Test
  void detectsTheFormat() {
    assertEquals(Format.JSON, Format.detect("\uFEFF \n {\"a\": 1}"));
    assertEquals(Format.YAML, Format.detect("apiVersion: x"));
    assertEquals(Format.YAML, Format.detect("---\n{}"));
    assertEquals(Format.YAML, Format.detect("   "));
  }
}
