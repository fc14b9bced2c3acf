package dev.trellis.host.engine.spi;

import dev.trellis.wrpc.wit.WitValue;
import java.util.List;

/**
 * A Java implementation of one imported WIT function that returns a value. The engine lifts the
 * guest's arguments according to the signature the guest imports and lowers the returned value
 * back, so the implementation sees plain {@link WitValue}s: {@code own}/{@code borrow} handles
 * arrive as {@link WitValue.HandleValue}s whose {@code handle()} is the resource's rep (use {@link
 * HostResource} to turn it into a Java object).
 *
 * <p>Throwing any exception traps the calling guest (its instance is poisoned) and reaches the
 * embedder as a {@code ComponentTrapException} with the exception as cause; return a WIT {@code
 * result} error value for failures the guest should handle.
 */
@FunctionalInterface
public interface HostFunction {

  /**
   * Runs the function.
   *
   * @param context the calling instance's context
   * @param args the arguments, one per declared parameter, in order
   * @return the result, which must conform to the declared result type
   */
  WitValue call(CallContext context, List<WitValue> args);
}
