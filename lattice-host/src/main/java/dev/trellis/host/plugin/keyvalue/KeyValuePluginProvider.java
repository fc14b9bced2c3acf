package dev.trellis.host.plugin.keyvalue;

import dev.trellis.host.plugin.HostPlugin;
import dev.trellis.host.plugin.HostPluginProvider;
import dev.trellis.host.plugin.PluginContext;
import java.util.List;
import java.util.Optional;

/**
 * Provides the built-in {@link KeyValuePlugin}: with the in-memory backend always, and with the
 * JetStream backend (then the default) when the host has NATS.
 */
public final class KeyValuePluginProvider implements HostPluginProvider {
  @Override
  public String id() {
    return KeyValuePlugin.ID;
  }

  @Override
  public Optional<HostPlugin> create(PluginContext context) {
    if (context.nats().isEmpty()) {
      return Optional.of(KeyValuePlugin.inMemory());
    }
    return Optional.of(
        new KeyValuePlugin(
            List.of(new InMemoryKeyValue(), new JetStreamKeyValue(context.nats().get())),
            JetStreamKeyValue.ID));
  }
}
