package dev.trellis.scheduler.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trellis.proto.v2.WitInterface;
import dev.trellis.scheduler.api.StatusType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that links to a component of a shared application, reconciled against a real nats-server:
 * the link is routed over wRPC to the id the shared application gives that component (an explicit
 * {@code id} there), which is what the shared component's own workload serves under.
 */
class SharedComponentNatsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SHARED =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: pricing
        annotations: {version: v1, experimental.wasmcloud.dev/shared: "true"}
      spec:
        components:
          - name: rates
            type: component
            properties: {image: ghcr.io/acme/rates:1.0.0, id: pricing-rates-v2}
            traits:
              - type: spreadscaler
                properties: {instances: 1}
      """;
  private static final String CONSUMER =
      """
      apiVersion: core.oam.dev/v1beta1
      kind: Application
      metadata:
        name: shop
        annotations: {version: v1}
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
                  target: {name: rates}
          - name: rates
            type: component
            properties:
              application: {name: pricing, component: rates}
      """;

  @TempDir Path dir;
  private LatticeFixture fx;

  @BeforeEach
  void start() {
    fx = new LatticeFixture(dir);
    fx.scheduler("s1");
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aLinkToASharedComponentGoesToTheIdItsApplicationGivesIt() {
    fx.deploy(SHARED, "pricing");
    fx.awaitStatus("pricing", StatusType.DEPLOYED, WAIT);
    fx.deploy(CONSUMER, "shop");
    fx.awaitStatus("shop", StatusType.DEPLOYED, WAIT);
    List<String> names =
        fx.hosts.stream()
            .flatMap(h -> h.workloads().values().stream())
            .filter(w -> "shop".equals(w.getAnnotationsMap().get(Ownership.APPSPEC)))
            .flatMap(w -> w.getWitWorld().getHostInterfacesList().stream())
            .filter(e -> e.getPackage().equals("pricing"))
            .map(WitInterface::getConfigMap)
            .map(c -> c.get("wrpc:name"))
            .toList();
    assertEquals(List.of("pricing-rates-v2"), names);
  }
}
