package dev.trellis.host.plugin.wrpc;

import dev.trellis.host.engine.abi.FunctionSignature;
import dev.trellis.host.engine.spi.CallContext;
import dev.trellis.host.plugin.ComponentIdentity;
import dev.trellis.host.plugin.PluginException;
import dev.trellis.wrpc.WrpcException;
import dev.trellis.wrpc.nats.InvocationResult;
import dev.trellis.wrpc.nats.InvokeOptions;
import dev.trellis.wrpc.nats.WrpcCallException;
import dev.trellis.wrpc.nats.WrpcFunction;
import dev.trellis.wrpc.nats.WrpcHeaders;
import dev.trellis.wrpc.nats.WrpcInvoker;
import dev.trellis.wrpc.wit.WitType;
import dev.trellis.wrpc.wit.WitValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One imported function served by a wRPC call: the guest's arguments (handles turned into the bytes
 * the peer gave for them) are sent to {@code {prefix}.wrpc.0.0.1.{instance}.{func}} with {@code
 * source-id} and {@code link-name} headers, on the guest's own thread, bounded by the entry's
 * deadline and the host's resilience policies. The result comes back with handles adopted as new
 * host resources; a failed call becomes an error value or a trap (see {@link GuestErrors}), never a
 * hang.
 */
final class RemoteFunction {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteFunction.class);

  private final String hostId;
  private final WrpcEntry entry;
  private final WrpcInvoker invoker;
  private final WrpcFunction function;
  private final FunctionSignature signature;
  private final boolean handlesIn;
  private final boolean handlesOut;

  RemoteFunction(
      String hostId,
      WrpcEntry entry,
      WrpcInvoker invoker,
      String instance,
      FunctionSignature signature) {
    this.hostId = hostId;
    this.entry = entry;
    this.invoker = invoker;
    this.signature = signature;
    this.function =
        WrpcFunction.of(
            instance,
            functionName(signature),
            signature.paramTypes().stream().map(WireTypes::wire).toList(),
            signature.results().stream().map(WireTypes::wire).toList());
    this.handlesIn = signature.paramTypes().stream().anyMatch(WireTypes::hasHandles);
    this.handlesOut = signature.results().stream().anyMatch(WireTypes::hasHandles);
  }

  /** The function's name in its interface: the signature's name after {@code #}, if any. */
  static String functionName(FunctionSignature signature) {
    String name = signature.name();
    int hash = name.lastIndexOf('#');
    return hash < 0 ? name : name.substring(hash + 1);
  }

  /** The invocation subject. */
  String subject() {
    return function.subject(entry.prefix());
  }

  /** Calls the remote function; returns its result, or empty for a function without one. */
  Optional<WitValue> call(CallContext context, List<WitValue> args) {
    List<WitValue> sent = handlesIn ? outgoing(context, args) : args;
    InvokeOptions options =
        InvokeOptions.defaults()
            .withTimeout(entry.timeout())
            .withHeader(WrpcHeaders.SOURCE_ID, sourceId(context))
            .withHeader(WrpcHeaders.LINK_NAME, entry.linkName());
    long start = System.nanoTime();
    try (InvocationResult result = invoker.invoke(function, sent, options)) {
      List<WitValue> values = result.values();
      if (values.isEmpty()) {
        return Optional.empty();
      }
      WitValue value = values.get(0);
      return Optional.of(
          handlesOut
              ? WireTypes.in(signature.results().get(0), value, h -> adopt(context, h))
              : value);
    } catch (WrpcCallException e) {
      return failed(context, e.getClass().getSimpleName(), e.getMessage(), e, start);
    } catch (WrpcException | IllegalArgumentException e) {
      return failed(
          context,
          e.getClass().getSimpleName(),
          "wRPC call on " + subject() + " failed: " + e.getMessage(),
          e,
          start);
    }
  }

  private Optional<WitValue> failed(
      CallContext context, String kind, String message, RuntimeException cause, long start) {
    Optional<WitValue> error = GuestErrors.value(signature.results(), message);
    LOG.warn(
        "wrpc_call_failed component={} function={} subject={} kind={} outcome={} millis={}"
            + " error={}",
        context.componentName(),
        context.functionName(),
        subject(),
        kind,
        error.isPresent() ? "error_value" : "trap",
        (System.nanoTime() - start) / 1_000_000,
        message);
    if (error.isPresent()) {
      return error;
    }
    throw new PluginException(message, cause);
  }

  private List<WitValue> outgoing(CallContext context, List<WitValue> args) {
    List<WitType> types = signature.paramTypes();
    List<WitValue> out = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      out.add(WireTypes.out(types.get(i), args.get(i), (t, h) -> bytesOf(context, h, t)));
    }
    return out;
  }

  /**
   * The wire bytes of a handle argument; an {@code own} one moves to the peer and is forgotten
   * here.
   */
  private static WitValue.ListValue bytesOf(
      CallContext context, WitValue.HandleValue handle, WitType handleType) {
    int rep = (int) handle.handle();
    boolean owned = handleType instanceof WitType.OwnType;
    RemoteHandle remote =
        owned
            ? context.resources().remove(rep, RemoteHandle.class)
            : context.resources().get(rep, RemoteHandle.class);
    return WitValue.ListValue.ofBytes(remote.wire());
  }

  private static WitValue.HandleValue adopt(CallContext context, WireTypes.Handle handle) {
    int rep = context.resources().add(new RemoteHandle(handle.bytes()));
    WitType type = handle.type();
    return new WitValue.HandleValue(
        type instanceof WitType.OwnType o ? o.resource() : ((WitType.BorrowType) type).resource(),
        Integer.toUnsignedLong(rep));
  }

  private String sourceId(CallContext context) {
    return context
        .state()
        .find(ComponentIdentity.class)
        .map(id -> hostId + "/" + id.workloadId() + "/" + id.component())
        .orElse(hostId + "/" + context.componentName());
  }
}
