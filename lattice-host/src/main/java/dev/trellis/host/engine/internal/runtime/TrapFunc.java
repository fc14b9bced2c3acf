package dev.trellis.host.engine.internal.runtime;

import dev.trellis.host.engine.ComponentTrapException;
import dev.trellis.host.engine.ComponentTrapException.Kind;
import dev.trellis.host.engine.abi.StringEncoding;
import dev.trellis.host.engine.internal.types.FuncSig;
import dev.trellis.wrpc.wit.WitValue;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for an import nobody provides when the linker is told to trap unknown imports: the
 * component instantiates, and only calling the import traps, naming it.
 */
public final class TrapFunc extends Func {
  private final String componentName;
  private final String name;

  public TrapFunc(FuncSig sig, String componentName, String name) {
    super(sig);
    this.componentName = componentName;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<WitValue> call(List<WitValue> args, Optional<StringEncoding> sourceEncoding) {
    throw new ComponentTrapException(
        Kind.TRAP,
        componentName,
        name,
        "import '" + name + "' was called but nothing provides it (unknown imports trap)",
        null);
  }
}
