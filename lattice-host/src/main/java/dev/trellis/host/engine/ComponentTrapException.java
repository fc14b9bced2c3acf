package dev.trellis.host.engine;

import dev.trellis.host.HostException;
import java.util.Objects;

/**
 * A call into a component instance failed inside the guest: a WebAssembly trap, a canonical ABI
 * violation, an exceeded deadline or memory cap, or a host function that failed while the guest was
 * calling it. The instance is poisoned afterwards; later calls fail fast with {@link
 * Kind#POISONED}. The message names the component and the function, e.g. {@code component 'calc'
 * function 'trellis:examples/calculator#sum' trapped: unreachable}.
 */
public final class ComponentTrapException extends HostException {
  private static final long serialVersionUID = 1L;

  /** Why the call failed. */
  public enum Kind {
    /** The guest trapped (unreachable, out-of-bounds access, canonical ABI violation, ...). */
    TRAP,
    /** The call ran past the instance's execution deadline and was interrupted. */
    DEADLINE,
    /** The instance had already trapped; it is not run again. */
    POISONED,
    /** The call would have re-entered an instance that is already on the call stack. */
    REENTRANCE,
    /** A host function called by the guest failed. */
    HOST_FUNCTION
  }

  private final Kind kind;
  private final String component;
  private final String function;

  /**
   * Creates the exception.
   *
   * @param kind why the call failed
   * @param component the name of the component instance that failed
   * @param function the function being called, e.g. {@code wasi:cli/run@0.2.0#run}
   * @param detail what went wrong
   * @param cause the underlying exception, or {@code null}
   */
  public ComponentTrapException(
      Kind kind, String component, String function, String detail, Throwable cause) {
    super(format(kind, component, function, detail), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.component = Objects.requireNonNull(component, "component");
    this.function = Objects.requireNonNull(function, "function");
  }

  /** Why the call failed. */
  public Kind kind() {
    return kind;
  }

  /** The name of the component instance that failed. */
  public String component() {
    return component;
  }

  /** The function that was being called. */
  public String function() {
    return function;
  }

  private static String format(Kind kind, String component, String function, String detail) {
    String what =
        switch (kind) {
          case TRAP -> "trapped";
          case DEADLINE -> "exceeded its deadline";
          case POISONED -> "cannot be called: the instance was poisoned by an earlier trap";
          case REENTRANCE -> "trapped: the instance cannot be re-entered";
          case HOST_FUNCTION -> "trapped in a host function";
        };
    return "component '" + component + "' function '" + function + "' " + what + ": " + detail;
  }
}
