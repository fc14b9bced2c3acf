package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.engine.ExternItem;
import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.host.engine.spi.HostResource;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.wrpc.nats.WrpcInvoker;
import dev.trellis.wrpc.wit.WitType;
import java.util.stream.Stream;

/**
 * Generates the implementation of one interface a component imports over wRPC from the signature it
 * imports: every function becomes a {@link RemoteFunction}, every resource a host resource whose
 * objects are {@link RemoteHandle}s (dropping the guest's own handle forgets the bytes).
 */
final class RemoteInterfaces {
  private RemoteInterfaces() {}

  /**
   * The implementation of {@code imported} calling {@code invoker} (already bound to the entry's
   * prefix and retry policy) under {@code entry}'s settings.
   *
   * @throws PluginException naming the function if its signature uses futures or streams
   */
  static HostInterface generate(
      String hostId, ExternItem.Interface imported, WrpcEntry entry, WrpcInvoker invoker) {
    HostInterface.Builder b = HostInterface.builder(imported.name());
    for (String resource : imported.resources()) {
      b.resource(HostResource.of(resource, RemoteHandle.class));
    }
    for (FunctionSignature f : imported.functions()) {
      String name = RemoteFunction.functionName(f);
      if (Stream.concat(f.paramTypes().stream(), f.results().stream())
          .anyMatch(WireTypes::hasAsync)) {
        throw new PluginException(
            "function "
                + name
                + " passes a future or stream, which the wRPC plugin does not bridge");
      }
      RemoteFunction remote = new RemoteFunction(hostId, entry, invoker, imported.name(), f);
      if (f.results().isEmpty()) {
        b.action(name, (ctx, args) -> remote.call(ctx, args));
      } else {
        b.function(
            name,
            (ctx, args) ->
                remote
                    .call(ctx, args)
                    .orElseThrow(
                        () -> new PluginException(remote.subject() + " returned no result")));
      }
    }
    return b.build();
  }

  /** Whether {@code type} can be served as an export (no handles, futures or streams). */
  static boolean servable(WitType type) {
    return !WireTypes.hasHandles(type) && !WireTypes.hasAsync(type);
  }
}
