package dev.trellis.wrpc.provider;

import dev.trellis.wrpc.nats.WrpcHandler;
import dev.trellis.wrpc.wit.WitType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A WIT interface a provider serves: its instance name (with version, as components import it, e.g.
 * {@code wasi:keyvalue/store@0.2.0-draft}) and its functions.
 *
 * @param instance the interface name; empty for world-level functions
 * @param functions the functions, names unique
 */
public record ProvidedInterface(String instance, List<ProviderFunction> functions) {
  public ProvidedInterface {
    Objects.requireNonNull(instance, "instance");
    functions = List.copyOf(functions);
    Set<String> names = new HashSet<>();
    for (ProviderFunction f : functions) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException(
            "interface " + instance + " declares function " + f.name() + " twice");
      }
    }
  }

  /** Starts describing {@code instance}. */
  public static Builder builder(String instance) {
    return new Builder(instance);
  }

  /** Collects the functions of one interface. */
  public static final class Builder {
    private final String instance;
    private final List<ProviderFunction> functions = new ArrayList<>();

    private Builder(String instance) {
      this.instance = instance;
    }

    /** Adds a function served by a simple {@link FunctionHandler}. */
    public Builder function(
        String name, List<WitType> params, List<WitType> results, FunctionHandler handler) {
      functions.add(ProviderFunction.of(name, params, results, handler));
      return this;
    }

    /** Adds a function served by a full {@link WrpcHandler} (futures and streams). */
    public Builder streaming(
        String name, List<WitType> params, List<WitType> results, WrpcHandler handler) {
      functions.add(ProviderFunction.streaming(name, params, results, handler));
      return this;
    }

    public ProvidedInterface build() {
      return new ProvidedInterface(instance, functions);
    }
  }
}
