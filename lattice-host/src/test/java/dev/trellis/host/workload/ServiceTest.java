package dev.trellis.host.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.host.Host;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.wasi.WasiPlugin;
import dev.trellis.proto.v2.LocalResources;
import dev.trellis.proto.v2.WorkloadState;
import dev.trellis.proto.v2.WorkloadStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A workload's service: {@code wasi:cli/run} on a virtual thread, restarted up to a limit. */
class ServiceTest {
  @TempDir Path dir;
  private final RecordingEvents events = new RecordingEvents();
  private final ListAppender<ILoggingEvent> output = new ListAppender<>();
  private final Logger outputLogger = (Logger) LoggerFactory.getLogger("dev.trellis.guest.output");
  private Host host;

  @BeforeEach
  void capture() {
    output.start();
    outputLogger.addAppender(output);
    host = TestWorkloads.host(dir, PluginRegistry.of(List.of(new WasiPlugin())), events);
  }

  @AfterEach
  void close() {
    outputLogger.detachAppender(output);
    host.close();
  }

  private List<String> lines(String workloadId) {
    return output.list.stream()
        .filter(e -> e.getFormattedMessage().contains("workload_id=" + workloadId + " "))
        .map(e -> e.getFormattedMessage().replaceFirst(".* stream=", ""))
        .toList();
  }

  @Test
  void aServiceRunsWithItsEnvironmentAndCompletesTheWorkload() {
    WorkloadStatus started =
        host.start(
            TestWorkloads.service(
                "svc",
                "command",
                LocalResources.newBuilder().putEnvironment("TRELLIS_NAME", "Ada").build(),
                0));
    assertEquals(
        WorkloadState.WORKLOAD_STATE_RUNNING, started.getWorkloadState(), started.getMessage());
    WorkloadStatus done =
        TestWorkloads.awaitState(
            host, "svc", WorkloadState.WORKLOAD_STATE_COMPLETED, Duration.ofSeconds(20));
    assertEquals("service 'service' exited with code 0", done.getMessage());
    assertEquals(
        List.of("stdout line=Hello, Ada!", "stdout line=argc=0", "stderr line=hello: done"),
        lines("svc"));
    assertEquals(0, host.heartbeat().getWorkloadCount());
    assertEquals(List.of("workload_started:svc", "workload_stopped:svc"), events.names());
  }

  @Test
  void aFailingServiceIsRestartedUpToItsLimitThenFailsTheWorkload() {
    host.start(
        TestWorkloads.service(
            "crash",
            "command",
            LocalResources.newBuilder().putEnvironment("TRELLIS_EXIT_CODE", "3").build(),
            2));
    WorkloadStatus failed =
        TestWorkloads.awaitState(
            host, "crash", WorkloadState.WORKLOAD_STATE_ERROR, Duration.ofSeconds(20));
    assertEquals(
        "service 'service' failed after 2 restarts: exited with code 1", failed.getMessage());
    assertEquals(
        3, lines("crash").stream().filter(l -> l.equals("stderr line=hello: done")).count());
    assertTrue(events.names().contains("workload_failed:crash"), events.names().toString());
  }
}
