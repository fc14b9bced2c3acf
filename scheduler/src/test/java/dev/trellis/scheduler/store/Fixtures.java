package dev.trellis.scheduler.store;

import dev.trellis.scheduler.manifest.Application;
import dev.trellis.scheduler.manifest.ManifestParser;
import dev.trellis.scheduler.manifest.Manifests;
import dev.trellis.scheduler.manifest.ParseResult;
import dev.trellis.scheduler.manifest.UlidGenerator;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/** Manifests shared by the store and API tests. */
public final class Fixtures {
  /** A config value and a secret key that must never leave the store in events or logs. */
  public static final String CONFIG_SECRET = "s3cr3t-config-value";

  public static final String SECRET_KEY = "db-password-key";

  /** The first version the deterministic parser generates. */
  public static final String FIRST_ULID = "01ARYZ6S410000000000000000";

  private Fixtures() {}

  /** A parser whose generated versions come from a fixed clock and all-zero randomness. */
  public static ManifestParser parser() {
    return Manifests.parser(
        new UlidGenerator(InstantSource.fixed(Instant.ofEpochMilli(1_469_918_176_385L)), () -> 0L));
  }

  /** A valid manifest with config, a secret and a scaler; no version annotation when empty. */
  public static String yaml(String name, Optional<String> version) {
    return """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: %s
          annotations:
        %s    description: 'test app %s'
        spec:
          policies:
            - name: vault
              type: policy.secret.wasmcloud.dev/v1alpha1
              properties:
                backend: nats-kv
          components:
            - name: api
              type: component
              properties:
                image: ghcr.io/acme/api:1.0.0
                config:
                  - name: api-settings
                    properties:
                      token: %s
                secrets:
                  - name: db-password
                    properties:
                      policy: vault
                      key: %s
              traits:
                - type: spreadscaler
                  properties:
                    instances: 1
        """
        .formatted(
            name,
            version.map(v -> "    version: " + v + "\n").orElse(""),
            name,
            CONFIG_SECRET,
            SECRET_KEY);
  }

  /** {@link #yaml} with a version. */
  public static String yaml(String name, String version) {
    return yaml(name, Optional.of(version));
  }

  /** {@link #yaml} parsed. */
  public static Application app(String name, String version) {
    return switch (parser().parse(yaml(name, version))) {
      case ParseResult.Valid valid -> valid.application();
      case ParseResult.Invalid invalid -> throw new AssertionError(invalid.errors());
    };
  }

  /** A manifest with four errors at four paths. */
  public static String invalidYaml(String name) {
    return """
        apiVersion: core.oam.dev/v1beta1
        kind: Application
        metadata:
          name: %s
          annotations:
            version: v9
        spec:
          components:
            - name: api
              type: component
              properties:
                image: ghcr.io//x
              traits:
                - type: spreadscaler
                  properties:
                    instances: 1
                    spread:
                      - name: eu
                        weight: -1
                - type: autoscaler
                  properties: {}
        """
        .formatted(name);
  }
}
