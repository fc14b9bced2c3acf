package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.host.engine.spi.HostInterface;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A host function bound to one instance tree: calls the Java implementation with the instance's
 * {@link HostCallContext}. An exception from the implementation becomes a {@link
 * ComponentTrapException} of kind {@link Kind#HOST_FUNCTION} with the original as cause.
 */
public final class HostFunc extends Func {
  private final HostInterface.Implementation implementation;
  private final HostCallContext context;

  public HostFunc(
      FuncSig sig, HostInterface.Implementation implementation, HostCallContext context) {
    super(sig);
    this.implementation = Objects.requireNonNull(implementation, "implementation");
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public String name() {
    return context.functionName();
  }

  @Override
  public List<WitValue> call(List<WitValue> args, Optional<StringEncoding> sourceEncoding) {
    try {
      return switch (implementation) {
        case HostInterface.Returning r -> List.of(r.function().call(context, args));
        case HostInterface.Action a -> {
          a.action().run(context, args);
          yield List.of();
        }
      };
    } catch (ComponentTrapException e) {
      throw e;
    } catch (RuntimeException e) {
      String detail = e.getMessage() != null ? e.getMessage() : e.toString();
      if (Deadline.firedOnThisThread()) {
        throw new ComponentTrapException(
            Kind.DEADLINE,
            context.componentName(),
            name(),
            "execution deadline of "
                + Deadline.describe(context.root().limits().callDeadline())
                + " exceeded while the host function ran: "
                + detail,
            e);
      }
      throw new ComponentTrapException(
          Kind.HOST_FUNCTION, context.componentName(), name(), detail, e);
    }
  }
}
