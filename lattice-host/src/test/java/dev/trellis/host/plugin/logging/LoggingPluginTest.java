package dev.trellis.host.plugin.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.trellis.host.Host;
import dev.trellis.host.plugin.PluginRegistry;
import dev.trellis.host.plugin.config.ConfigPlugin;
import dev.trellis.host.plugin.keyvalue.KeyValuePlugin;
import dev.trellis.host.workload.TestPlugins;
import dev.trellis.host.workload.TestWorkloads;
import dev.trellis.host.workload.WorkloadEvents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** A guest's wasi:logging calls become SLF4J events with its workload and component. */
class LoggingPluginTest {
  @TempDir Path dir;

  @Test
  void mapsLevels() {
    assertEquals(Level.TRACE, LoggingPlugin.level("trace"));
    assertEquals(Level.WARN, LoggingPlugin.level("warn"));
    assertEquals(Level.ERROR, LoggingPlugin.level("critical"));
  }

  @Test
  void guestLogLinesCarryTheWorkloadAndComponent() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(LoggingPlugin.LOGGER);
    logger.addAppender(appender);
    try (Host host =
        TestWorkloads.host(
            dir,
            PluginRegistry.of(
                List.of(
                    new LoggingPlugin(),
                    new ConfigPlugin(),
                    KeyValuePlugin.inMemory(),
                    new TestPlugins.FakeMessaging())),
            WorkloadEvents.NONE)) {
      host.start(TestWorkloads.request("logs", TestWorkloads.component("counter", "kv-counter")));
      host.workload("logs").orElseThrow().invoke("counter", "increment", List.of());
    } finally {
      logger.detachAppender(appender);
    }
    assertEquals(1, appender.list.size());
    ILoggingEvent event = appender.list.get(0);
    assertEquals(ch.qos.logback.classic.Level.INFO, event.getLevel());
    assertEquals(
        "guest_log workload_id=logs component=counter context=kv-counter message=count=1",
        event.getFormattedMessage());
  }
}
