package dev.trellis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trellis.host.image.ImageConfig;
import dev.trellis.host.image.ImagePullPolicy;
import dev.trellis.proto.v2.ComponentInfo;
import dev.trellis.proto.v2.ComponentState;
import dev.trellis.proto.v2.WorkloadStartRequest;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workload files, status tables and the host's image flags, without NATS. */
class WorkloadCliTest {
  @TempDir Path dir;

  @Test
  void readsAWorkloadFromYamlWithTheIdFromTheFlag() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("app.yaml"),
            """
            name: calc
            witWorld:
              components:
                - name: calc
                  image: file:///tmp/calc.wasm
                  poolSize: 2
                  localResources:
                    environment: {MODE: fast}
              hostInterfaces:
                - {namespace: wasi, package: keyvalue, interfaces: [store], config: {bucket: b}}
            """);
    WorkloadStartRequest request = WorkloadFiles.read(file, Optional.of("calc-1"));
    assertEquals("calc-1", request.getWorkloadId());
    assertEquals("calc", request.getWorkload().getName());
    assertEquals(2, request.getWorkload().getWitWorld().getComponents(0).getPoolSize());
    assertEquals(
        "fast",
        request
            .getWorkload()
            .getWitWorld()
            .getComponents(0)
            .getLocalResources()
            .getEnvironmentMap()
            .get("MODE"));
    assertEquals(
        "b", request.getWorkload().getWitWorld().getHostInterfaces(0).getConfigMap().get("bucket"));
    assertEquals("calc-1", WorkloadFiles.workloadId("calc-1"));
  }

  @Test
  void readsAStartRequestFromJsonAndNeedsAnId() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("start.json"),
            "{\"workloadId\":\"w-9\",\"workload\":{\"name\":\"x\",\"witWorld\":{}}}");
    assertEquals("w-9", WorkloadFiles.workloadId(file.toString()));
    Path noId = Files.writeString(dir.resolve("no-id.json"), "{\"name\":\"x\"}");
    var error =
        assertThrows(
            IllegalArgumentException.class, () -> WorkloadFiles.read(noId, Optional.empty()));
    assertEquals(
        noId + ": no workload id; set workloadId in the file or pass --id", error.getMessage());
  }

  @Test
  void printsAStatusWithItsComponents() {
    WorkloadStatus status =
        WorkloadStatus.newBuilder()
            .setWorkloadId("w")
            .setWorkloadState(WorkloadState.WORKLOAD_STATE_RUNNING)
            .setMessage("ok")
            .addComponents(
                ComponentInfo.newBuilder()
                    .setName("calc")
                    .setState(ComponentState.COMPONENT_STATE_RUNNING))
            .build();
    String nl = System.lineSeparator();
    assertEquals(
        "WORKLOAD  STATE    MESSAGE"
            + nl
            + "w         RUNNING  ok"
            + nl
            + "  COMPONENT  STATE"
            + nl
            + "  calc       RUNNING"
            + nl,
        WorkloadCommand.table(status));
  }

  @Test
  void imageFlagsAndVariablesConfigureTheHost() {
    HostOptions options = new HostOptions();
    options.heartbeatInterval = java.time.Duration.ofSeconds(15);
    options.imageCacheDir = dir.resolve("cache");
    options.imagePullPolicy = ImagePullPolicy.ALWAYS;
    options.insecureRegistries.add("registry.lan:5000");
    options.lattice = "prod";
    var config = options.toConfig(Map.of("TRELLIS_INSECURE_REGISTRIES", "a:1, b:2"));
    ImageConfig images = config.images();
    assertEquals(dir.resolve("cache"), images.cacheDir());
    assertEquals(ImagePullPolicy.ALWAYS, images.defaultPolicy());
    assertEquals(Set.of("registry.lan:5000", "a:1", "b:2"), images.insecureRegistries());
    assertEquals("prod", config.lattice());
    options.imagePullPolicy = ImagePullPolicy.UNSPECIFIED;
    assertThrows(IllegalArgumentException.class, () -> options.toConfig(Map.of()));
  }
}
