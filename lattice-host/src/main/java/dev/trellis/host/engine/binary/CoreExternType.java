package dev.trellis.host.engine.binary;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The type of a core import or export inside a core module type ({@code core:externtype}), so the
 * linker can check that a supplied module fits.
 */
public sealed interface CoreExternType
    permits CoreExternType.Func,
        CoreExternType.Table,
        CoreExternType.Memory,
        CoreExternType.Global,
        CoreExternType.Tag {

  /** {@code 0x00}: a function of core type {@code typeIndex}. */
  record Func(int typeIndex) implements CoreExternType {}

  /** {@code 0x01}: a table. */
  record Table(CoreValType.RefType element, Limits limits) implements CoreExternType {
    public Table {
      Objects.requireNonNull(element, "element");
      Objects.requireNonNull(limits, "limits");
    }
  }

  /** {@code 0x02}: a memory, with the log2 of a custom page size when one is given. */
  record Memory(Limits limits, OptionalInt pageSizeLog2) implements CoreExternType {
    public Memory {
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(pageSizeLog2, "pageSizeLog2");
    }
  }

  /** {@code 0x03}: a global. */
  record Global(CoreValType type, boolean mutable, boolean shared) implements CoreExternType {
    public Global {
      Objects.requireNonNull(type, "type");
    }
  }

  /** {@code 0x04}: an exception tag of core function type {@code typeIndex}. */
  record Tag(int typeIndex) implements CoreExternType {}

  /** Table or memory limits; 64-bit when {@code is64} (memory64/table64). */
  record Limits(long min, OptionalLong max, boolean shared, boolean is64) {
    public Limits {
      Objects.requireNonNull(max, "max");
    }
  }
}
