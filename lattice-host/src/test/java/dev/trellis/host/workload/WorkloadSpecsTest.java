package dev.trellis.host.workload;

import static dev.trellis.host.workload.TestWorkloads.component;
import static dev.trellis.host.workload.TestWorkloads.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.host.image.Credentials;
import dev.trellis.host.image.ImagePullPolicy;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.ImagePullSecret;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.VolumeMount;
import dev.trellis.proto.v2.WitInterface;
import dev.trellis.proto.v2.WorkloadStartRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Host API request becomes a domain spec once, and bad fields are named by their path. */
class WorkloadSpecsTest {

  private static String error(WorkloadStartRequest request) {
    return assertThrows(WorkloadException.class, () -> WorkloadSpecs.fromRequest(request))
        .getMessage();
  }

  @Test
  void convertsEveryField() {
    WorkloadStartRequest r =
        request(
            "w",
            component("", "calc")
                .setPoolSize(3)
                .setMaxInvocations(10)
                .setImagePullPolicy(dev.trellis.proto.v2.ImagePullPolicy.IMAGE_PULL_POLICY_NEVER)
                .setImagePullSecret(ImagePullSecret.newBuilder().setUsername("u").setPassword("p"))
                .setLocalResources(
                    LocalResources.newBuilder()
                        .setMemoryLimitMb(64)
                        .putEnvironment("A", "1")
                        .putConfig("k", "v")
                        .addAllowedHosts("*.example.com")),
            component("", "calc"));
    r =
        TestWorkloads.withInterfaces(
            r,
            WitInterface.newBuilder()
                .setNamespace("wasi")
                .setPackage("keyvalue")
                .addInterfaces("store")
                .setName("cache")
                .build());
    WorkloadSpec spec = WorkloadSpecs.fromRequest(r);
    assertEquals("w", spec.id());
    assertEquals("w-app", spec.name());
    assertEquals(List.of("calc", "calc-2"), spec.components().stream().map(c -> c.name()).toList());
    WorkloadSpec.Component calc = spec.components().get(0);
    assertEquals(3, calc.poolSize());
    assertEquals(10, calc.maxInvocations());
    assertEquals(ImagePullPolicy.NEVER, calc.pullPolicy());
    assertEquals(Optional.of(new Credentials("u", "p")), calc.pullSecret());
    assertEquals(64, calc.resources().memoryLimitMb());
    assertEquals("1", calc.resources().environment().get("A"));
    assertEquals(List.of("*.example.com"), calc.resources().allowedHosts());
    assertEquals(Optional.empty(), spec.service());
    assertEquals(Optional.of("cache"), spec.hostInterfaces().get(0).name());
    assertEquals("wasi:keyvalue/store (name cache)", spec.hostInterfaces().get(0).toString());
  }

  @Test
  void namesTheFieldThatIsWrong() {
    assertEquals("workload_id: must not be empty", error(request("", component("a", "calc"))));
    assertEquals(
        "workload.wit_world.components: a workload needs at least one component or a service",
        error(request("w")));
    assertEquals(
        "workload.wit_world.components[1].image: must not be empty",
        error(request("w", component("a", "calc"), Component.newBuilder().setName("b"))));
    assertEquals(
        "workload.wit_world.components[0].pool_size: must be >= 0, got -1",
        error(request("w", component("a", "calc").setPoolSize(-1))));
    assertEquals(
        "workload.wit_world.components[1].name: 'a' names two components",
        error(request("w", component("a", "calc"), component("a", "adder"))));
    assertEquals(
        "workload.wit_world.components[0].local_resources.volume_mounts[0].name: no volume 'data'"
            + " in workload.volumes",
        error(
            request(
                "w",
                component("a", "calc")
                    .setLocalResources(
                        LocalResources.newBuilder()
                            .addVolumeMounts(
                                VolumeMount.newBuilder().setName("data").setMountPath("/d"))))));
  }

  @Test
  void derivesComponentNamesFromImages() {
    assertEquals("calc", WorkloadSpecs.nameOf("file:///x/calc.wasm"));
    assertEquals("api", WorkloadSpecs.nameOf("ghcr.io/acme/api:1.0"));
  }
}
