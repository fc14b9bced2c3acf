package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A component-level function at runtime: a guest export ({@code canon lift}), a host function, or a
 * trapping stub. Component-to-component calls and host calls both go through {@link #call}; a
 * lifted function whose signature is all scalars additionally offers the flat fast path.
 */
public abstract class Func {
  private final FuncSig sig;

  protected Func(FuncSig sig) {
    this.sig = Objects.requireNonNull(sig, "sig");
  }

  /** The signature as the defining side sees it. */
  public final FuncSig sig() {
    return sig;
  }

  /** The name for messages. */
  public abstract String name();

  /**
   * Calls the function with lifted arguments.
   *
   * @param sourceEncoding the string encoding of the component the arguments came from, or empty
   *     for host-made values
   */
  public abstract List<WitValue> call(List<WitValue> args, Optional<StringEncoding> sourceEncoding);

  /** Whether {@link #callFlat} may be used (a lifted guest function of scalars only). */
  public boolean supportsFlat() {
    return false;
  }

  /** Calls with flat core arguments, returning flat core results; see {@link #supportsFlat}. */
  public long[] callFlat(long[] args) {
    throw new UnsupportedOperationException("no flat calls for " + name());
  }
}
