package dev.trellis.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trellis.host.Host;
import dev.trellis.host.HostConfig;
import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.image.ImagePusher;
import dev.trellis.host.image.ImageRef;
import dev.trellis.host.image.LocalRegistry;
import dev.trellis.proto.v2.Component;
import dev.trellis.proto.v2.ImagePullPolicy;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import dev.trellis.proto.v2.WorkloadStopRequest;
import dev.trellis.wrpc.wit.WitValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components pushed to a real local registry ({@code trellis push} for one, the embedder API for
 * the other) are pulled by a host when a workload starts and cached, so a second start needs no
 * registry at all, while {@code ALWAYS} does.
 */
class RegistryPullIT {
  @TempDir Path dir;

  @Test
  void pushedComponentsArePulledOnceAndThenServedFromTheCache() throws Exception {
    Optional<String> missing = LocalRegistry.ensureInstalled();
    Assumptions.assumeTrue(missing.isEmpty(), () -> missing.orElse(""));
    HostConfig config =
        HostConfig.generated()
            .withHostId("pull-host")
            .withImages(ImageConfig.defaults().withCacheDir(dir.resolve("images")))
            .withScratchDir(dir.resolve("scratch"));
    try (LocalRegistry registry = LocalRegistry.start(dir.resolve("registry"));
        Host host = Host.builder(config).build()) {
      String calc = registry.address() + "/trellis/calc:1.0";
      String adder = registry.address() + "/trellis/adder:1.0";
      CliProcess.Result pushed =
          CliProcess.run(
              dir.resolve("cli"),
              Map.of(),
              Duration.ofSeconds(60),
              "push",
              WorkloadLatticeIT.EXAMPLES.resolve("calc.wasm").toString(),
              calc);
      assertEquals(0, pushed.exitCode(), pushed.stderr());
      assertTrue(pushed.stderr().contains("Uploading calc.wasm"), pushed.stderr());
      assertTrue(
          pushed.stdout().startsWith(registry.address() + "/trellis/calc@sha256:"),
          pushed.stdout());
      try (ImagePusher pusher = ImagePusher.create(ImageConfig.defaults(), Clock.systemUTC())) {
        pusher.push(
            WorkloadLatticeIT.EXAMPLES.resolve("adder.wasm"),
            (ImageRef.Oci) ImageRef.parse(adder),
            Optional.empty());
      }

      WorkloadStatus first =
          host.start(oci("pulled", calc, adder, ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED));
      assertEquals(
          WorkloadState.WORKLOAD_STATE_RUNNING, first.getWorkloadState(), first.getMessage());
      assertEquals(Optional.of(WitValue.s32(3)), sum(host, "pulled"));
      host.stop(WorkloadStopRequest.newBuilder().setWorkloadId("pulled").build());

      registry.stop();
      WorkloadStatus cached =
          host.start(oci("cached", calc, adder, ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT));
      assertEquals(
          WorkloadState.WORKLOAD_STATE_RUNNING, cached.getWorkloadState(), cached.getMessage());
      assertEquals(Optional.of(WitValue.s32(3)), sum(host, "cached"));

      WorkloadStatus always =
          host.start(oci("always", calc, adder, ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS));
      assertEquals(WorkloadState.WORKLOAD_STATE_ERROR, always.getWorkloadState());
      assertTrue(
          always.getMessage().startsWith("image pull failed for component 'calc'"),
          always.getMessage());
    }
  }

  private static dev.trellis.proto.v2.WorkloadStartRequest oci(
      String id, String calc, String adder, ImagePullPolicy policy) {
    return WorkloadLatticeIT.request(
        id,
        Component.newBuilder().setName("calc").setImage(calc).setImagePullPolicy(policy),
        Component.newBuilder().setName("adder").setImage(adder).setImagePullPolicy(policy));
  }

  private static Optional<WitValue> sum(Host host, String id) {
    return host.workload(id)
        .orElseThrow()
        .invoke(
            "calc",
            "trellis:examples/calculator#sum",
            List.of(new WitValue.ListValue(List.of(WitValue.s32(1), WitValue.s32(2)))));
  }
}
