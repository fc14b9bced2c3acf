package dev.trellis.host.engine.internal.runtime;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.trellis.host.HostException;
import java.util.Map;
import java.util.Objects;

/**
 * A core instance at runtime: an instantiated module or a bag of core items under new names ({@code
 * (core instance (export ...))}). Exports are core funcs, memories, tables and globals.
 */
public sealed interface CoreInstance {

  /** The export {@code name} of kind {@code kind}. */
  Object export(String name, ExternalType kind);

  /** An instantiated core module. */
  record Module(Instance instance) implements CoreInstance {
    public Module {
      Objects.requireNonNull(instance, "instance");
    }

    @Override
    public Object export(String name, ExternalType kind) {
      var exports = instance.exports();
      return switch (kind) {
        case FUNCTION -> CoreFunc.exportOf(instance, name);
        case MEMORY -> exports.memory(name);
        case TABLE -> exports.table(name);
        case GLOBAL -> exports.global(name);
        case TAG -> throw new HostException("unsupported: core tag export " + name);
      };
    }
  }

  /** A bag of existing core items. */
  record Bag(Map<String, Object> items) implements CoreInstance {
    public Bag {
      items = Map.copyOf(items);
    }

    @Override
    public Object export(String name, ExternalType kind) {
      Object item = items.get(name);
      if (item == null) {
        throw new HostException("core instance has no export " + name);
      }
      return item;
    }
  }
}
